import { describe, expect, it } from 'vitest';

import type { HttpRequest, HttpResponse, SendRequest } from '../http/types.js';
import { aPullRequest } from '../../test/support/builders.js';
import { createAzureDevOpsClient } from './create-azure-devops-client.js';

const ORG = 'https://dev.azure.com/fabrikam';
const PROJECT = { id: '6f1c2c4e-0000-4000-8000-000000000001', name: 'Fabrikam' };

function pullRequestJson(id: number) {
  return {
    pullRequestId: id,
    status: 'active',
    targetRefName: 'refs/heads/main',
    repository: { id: 'repo-1', name: 'web', project: { id: PROJECT.id, name: PROJECT.name } },
  };
}

function evaluationJson(id: number) {
  return {
    evaluationId: `e-${id}`,
    status: 'queued',
    configuration: { id, isEnabled: true, isBlocking: true, type: { id: 't', displayName: 'Other' } },
  };
}

/** A server that pages `items` by `$skip`/`$top` as asked, but never answers more than `cap` at once. */
function cappedServer(count: number, cap: number, item: (id: number) => unknown = pullRequestJson) {
  const asked: { skip: number; top: number }[] = [];
  const send: SendRequest = (request: HttpRequest) => {
    const skip = Number(request.url.searchParams.get('$skip') ?? 0);
    const top = Number(request.url.searchParams.get('$top') ?? 101);
    asked.push({ skip, top });
    const ids = Array.from({ length: count }, (_, index) => index + 1).slice(skip, skip + Math.min(top, cap));
    return Promise.resolve(json({ count: ids.length, value: ids.map(item) }, request));
  };
  return { send, asked };
}

function json(body: unknown, request: HttpRequest): HttpResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    bodyText: JSON.stringify(body),
    request,
  };
}

async function listAll(client: ReturnType<typeof createAzureDevOpsClient>): Promise<number[]> {
  const ids: number[] = [];
  for await (const page of client.listPullRequests({ project: PROJECT }))
    ids.push(...page.map((pr) => pr.id));
  return ids;
}

describe('paging by what the server returns', () => {
  it('lists all 250 pull requests from a server that caps pages at 100 (asked for 250)', async () => {
    const { send, asked } = cappedServer(250, 100);
    const client = createAzureDevOpsClient({ organizationUrl: ORG, send });

    const ids = await listAll(client);

    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    // Each page starts after what arrived; the 50-item page is shorter than any cap, so it is the last.
    expect(asked).toEqual([
      { skip: 0, top: 250 },
      { skip: 100, top: 250 },
      { skip: 200, top: 250 },
    ]);
  });

  it('costs no call more than before on an uncapped server (a page shorter than 100 ends the listing)', async () => {
    const { send, asked } = cappedServer(530, 1000);
    const client = createAzureDevOpsClient({ organizationUrl: ORG, send });

    expect(await listAll(client)).toHaveLength(530);
    expect(asked.map((page) => page.skip)).toEqual([0, 250, 500]);
  });

  it('asks once more after a short page long enough to be a cap, and stops on the empty answer', async () => {
    const { send, asked } = cappedServer(400, 1000);
    const client = createAzureDevOpsClient({ organizationUrl: ORG, send });

    expect(await listAll(client)).toHaveLength(400);
    expect(asked.map((page) => page.skip)).toEqual([0, 250, 400]);
  });

  it('reads every policy evaluation of a pull request from a server that caps them at 100', async () => {
    const { send } = cappedServer(230, 100, evaluationJson);
    const client = createAzureDevOpsClient({ organizationUrl: ORG, send });

    const checks = await client.listChecks(aPullRequest({ project: PROJECT }));

    expect(new Set(checks.map((check) => check.evaluationId)).size).toBe(230);
  });
});

describe('bounded paging', () => {
  it('stops with a failure when a server repeats a full page (it ignores $skip)', async () => {
    const send: SendRequest = (request) =>
      Promise.resolve(
        json({ value: Array.from({ length: 250 }, (_, i) => pullRequestJson(i + 1)) }, request),
      );
    const client = createAzureDevOpsClient({ organizationUrl: ORG, send });

    await expect(listAll(client)).rejects.toMatchObject({ code: 'bad-paging' });
  });

  it('stops with a clear failure when a server keeps sending full pages of new pull requests', async () => {
    let calls = 0;
    const send: SendRequest = (request) => {
      calls += 1;
      const skip = Number(request.url.searchParams.get('$skip'));
      return Promise.resolve(
        json({ value: Array.from({ length: 250 }, (_, i) => pullRequestJson(skip + i + 1)) }, request),
      );
    };
    const client = createAzureDevOpsClient({
      organizationUrl: ORG,
      send,
      listingLimits: { pullRequests: 1000 },
    });

    const failure = await listAll(client).catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'too-many-items', kind: 'other' });
    expect(String((failure as Error).message)).toMatch(/stopped after 1000 items/);
    expect(calls).toBe(5);
  });

  it('takes a short page of repeats at the end (a new pull request shifted the listing) as its end', async () => {
    // 251 PRs, newest first: a PR created between the pages pushes the 250th to the second page.
    const send: SendRequest = (request) => {
      const skip = Number(request.url.searchParams.get('$skip'));
      const ids = skip === 0 ? Array.from({ length: 250 }, (_, i) => i + 1) : [250];
      return Promise.resolve(json({ value: ids.map(pullRequestJson) }, request));
    };
    const client = createAzureDevOpsClient({ organizationUrl: ORG, send });

    expect(await listAll(client)).toHaveLength(250);
  });
});
