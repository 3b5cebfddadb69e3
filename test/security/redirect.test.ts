// Redirects never carry credentials to another origin (checklist C3), seen from outside the built CLI: the
// emulator answers with a redirect to a second local server on another port (another origin), which records
// whether any request reached it with Authorization, Proxy-Authorization or Cookie. The pipeline-level matrix
// (A→B→A chains, https→http, maxRedirects) is in test/http/redirect.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { assertNoLeak } from '../support/canary.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';
import { runWatchedCli } from './support/run-watched-cli.js';

let emulator: RunningEmulator;
let other: RecordingServer;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo' });
  // Whatever reaches the other origin is sent straight back into the organization (the A → B → A chain).
  other = await startRecordingServer((request, response) => {
    response.statusCode = 302;
    response.setHeader('location', `${emulator.orgUrl}${request.url.replace(/^\/fabrikam/, '')}`);
    response.end();
  });
});

afterAll(async () => {
  await Promise.all([emulator.close(), other.close()]);
});

describe('redirects to another origin (C3)', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i to another port carries no credential, for requeue and doctor',
    async (status) => {
      emulator.control.reset();
      other.requests.length = 0;
      const env = { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken };
      const org = ['--org', emulator.orgUrl, '--project', 'Contoso Web'];
      try {
        emulator.control.setFaults({
          requests: [{ kind: 'redirect', status, origin: other.origin, path: '_apis/projects' }],
        });
        const requeue = await runWatchedCli(org, { env });
        const doctor = await runWatchedCli(['doctor', ...org], { env });

        expect(other.withCredentials()).toEqual([]);
        // Not followed at all (the Azure SDK default), so not even a credential-less hop reaches it.
        expect(other.requests).toEqual([]);
        // The redirect is an answer, not a hop to follow: the read fails and says so.
        expect(requeue.stderr).toContain(`failed with ${status}`);
        expect(doctor.stdout).toMatch(new RegExp(`FAIL\\s+Project readable \\[HTTP ${status}\\]`));
        expect(doctor.code).toBe(2);
        assertNoLeak(
          { requeue: requeue.stderr + requeue.stdout, doctor: doctor.stdout + doctor.stderr },
          emulator.tokens.jobToken,
        );
      } finally {
        emulator.control.setFaults({});
      }
    },
  );

  it('a same-origin redirect is followed and still authenticated (the control case)', async () => {
    emulator.control.reset();
    const since = emulator.control.requestLog().at(-1)?.seq ?? 0;
    emulator.control.setFaults({
      requests: [
        {
          kind: 'redirect',
          status: 307,
          origin: new URL(emulator.orgUrl).origin,
          path: '_apis/projects',
          count: 1,
        },
      ],
    });
    try {
      const run = await runWatchedCli(['--org', emulator.orgUrl, '--project', 'Contoso Web', '--dry-run'], {
        env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
      });

      expect(run.code, run.stderr).toBe(0);
      const projectReads = emulator.control
        .requestLog(since)
        .filter((entry) => entry.path.includes('_apis/projects'));
      expect(projectReads.map((entry) => [entry.status, entry.authorization])).toEqual([
        [307, true],
        [200, true],
      ]);
    } finally {
      emulator.control.setFaults({});
    }
  });
});
