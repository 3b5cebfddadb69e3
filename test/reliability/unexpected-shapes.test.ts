// Answers with an unexpected shape (a field the tool needs is missing) must end in an ApiFailure that names the
// call, like every other bad answer, so the CLI prints "<call> …: unexpected answer: …" with exit 1 and the rest of
// the run is unaffected where possible (reference §3.3, §4; STYLE.md §2 guideline 6).
//
// Regression tests for a gap they found: the adapter used to let the parsers' UnexpectedShapeError through, so one
// malformed evaluation aborted the whole run with "internal error". The emulator cannot send such answers, so a
// transport rewrites the emulator's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createFetchTransport } from '../../src/http/fetch-transport.js';
import type { Transport } from '../../src/http/types.js';
import { connectAzureDevOps, parseOrganizationUrl, runRequeue, systemClock } from '../../src/index.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      generate: { pullRequests: 10, projects: 1, expiredFraction: 0.5, seed: 3 },
    },
  });
});

afterAll(() => emulator.close());

/** The real transport, with the first matching answer's JSON rewritten by `damage`. */
function damagingTransport(
  path: RegExp,
  damage: (body: { value: Record<string, unknown>[] }) => void,
): Transport {
  const inner = createFetchTransport();
  let damaged = false;
  return async (request) => {
    const response = await inner(request);
    if (damaged || !path.test(request.url.pathname) || response.status !== 200) return response;
    damaged = true;
    const body = JSON.parse(response.bodyText) as { value: Record<string, unknown>[] };
    damage(body);
    return { ...response, bodyText: JSON.stringify(body) };
  };
}

function run(transport: Transport) {
  emulator.control.reset();
  const connection = connectAzureDevOps({
    organization: parseOrganizationUrl(emulator.orgUrl),
    authorize: () => Promise.resolve(`Bearer ${emulator.tokens.jobToken}`),
    clock: systemClock,
    userAgent: 'unexpected-shapes-test',
    transport,
  });
  const rules = { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false };
  return runRequeue(
    {
      organization: emulator.orgUrl,
      scope: { projects: [], allProjects: true, repositories: [] },
      targetBranches: [],
      rules,
      dryRun: true,
    },
    connection.api,
  );
}

describe('unexpected shapes in answers', () => {
  it('a pull request without repository fails its listing, named in the report with the list call', async () => {
    const transport = damagingTransport(/git\/pullrequests$/, (body) => {
      delete body.value[0]?.['repository'];
    });

    const result = await run(transport);

    expect(result.listingFailures?.[0]?.errorCode).toBe('bad-shape');
    expect(result.listingFailures?.[0]?.reason).toMatch(
      /^list active pull requests of project ".+": unexpected answer: pull request \d+ has no repository\.project/,
    );
  });

  it('an evaluation without configuration fails only its pull request, and the run goes on', async () => {
    const transport = damagingTransport(/policy\/evaluations$/, (body) => {
      delete body.value[0]?.['configuration'];
    });

    const result = await run(transport);

    const errors = result.pullRequests.flatMap((pr) => (pr.error === undefined ? [] : [pr.error]));
    expect(errors).toEqual([
      expect.stringMatching(/list policy checks of pull request \d+.*no configuration\.type/),
    ]);
    expect(result.summary.pullRequests).toBeGreaterThan(10);
  });
});
