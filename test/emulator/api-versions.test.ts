// api-version handling: query or Accept, preview-only resources, range, malformed, missing (§1.2, §10.5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, record } from './support/emulator-http.js';

let emu: RunningEmulator;
let evaluations: string;
let evaluationItem: string;

beforeAll(async () => {
  emu = await startEmulator();
  const state = emu.control.state();
  const evaluation = state.evaluations[0];
  const artifact = `vstfs:///CodeReview/CodeReviewId/${evaluation?.projectId ?? ''}/${evaluation?.pullRequestId ?? 0}`;
  evaluations = `/${evaluation?.projectId ?? ''}/_apis/policy/evaluations?artifactId=${encodeURIComponent(artifact)}`;
  evaluationItem = `/${evaluation?.projectId ?? ''}/_apis/policy/evaluations/${evaluation?.evaluationId ?? ''}`;
});

afterAll(async () => {
  await emu.close();
});

function typeKey(answer: { json: unknown }): unknown {
  return record(answer.json)['typeKey'];
}

describe('api-version negotiation', () => {
  it.each(['5.0-preview.1', '7.1-preview', '7.1-preview.1', '7.2-preview.1', '7.0-PREVIEW.1'])(
    'accepts %s for preview-only evaluations',
    async (version) => {
      const answer = await call(emu, evaluations, { version });

      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe(
        `application/json; charset=utf-8; api-version=${version}`,
      );
    },
  );

  it.each([
    ['/_apis/ResourceAreas', '7.1'],
    ['/_apis/connectionData', '7.1'],
  ])('requires -preview on %s', async (path, version) => {
    const answer = await call(emu, path, { version });

    expect(answer.status).toBe(400);
    expect(typeKey(answer)).toBe('VssInvalidPreviewVersionException');
  });

  it('words the preview error exactly as the service does', async () => {
    const answer = await call(emu, evaluations, { version: '7.1' });

    expect(answer.status).toBe(400);
    expect(record(answer.json)['message']).toBe(
      'The requested version "7.1" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "7.1-preview"',
    );
  });

  it('refuses versions above 7.2 with VssVersionOutOfRangeException', async () => {
    const answer = await call(emu, '/_apis/projects', { version: '7.3' });

    expect(answer.status).toBe(400);
    expect(record(answer.json)['message']).toBe(
      'The requested REST API version of 7.3 is out of range for this server. The latest REST API version this server supports is 7.2.',
    );
  });

  it('refuses a preview resource version above the location resourceVersion', async () => {
    const answer = await call(emu, evaluations, { version: '7.2-preview.2' });

    expect(answer.status).toBe(400);
    expect(typeKey(answer)).toBe('VssVersionOutOfRangeException');
  });

  it('refuses a released-only request above releasedVersion without -preview', async () => {
    const answer = await call(emu, '/_apis/projects', { version: '7.2' });

    expect(typeKey(answer)).toBe('VssInvalidPreviewVersionException');
  });

  it('refuses a malformed version', async () => {
    const answer = await call(emu, '/_apis/projects', { version: 'seven' });

    expect(answer.status).toBe(400);
    expect(typeKey(answer)).toBe('VssInvalidApiResourceVersionException');
  });

  it('reads api-version from the query too, which wins over Accept', async () => {
    const answer = await call(emu, `${evaluations}&api-version=7.1-preview.1`, { version: '7.1' });

    expect(answer.status).toBe(200);
  });

  it('serves a GET without any api-version with the latest released one', async () => {
    const answer = await call(emu, '/_apis/projects', { version: null });

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8; api-version=7.1');
  });

  it('refuses a PATCH without api-version', async () => {
    const answer = await call(emu, evaluationItem, { method: 'PATCH', version: null });

    expect(answer.status).toBe(400);
    expect(typeKey(answer)).toBe('VssVersionNotSpecifiedException');
    expect(emu.control.requeues()).toEqual([]);
  });
});
