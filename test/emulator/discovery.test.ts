// Discovery and the service's response conventions: OPTIONS, ResourceAreas, connectionData, headers, 404 text.
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, items, record } from './support/emulator-http.js';

const RECORDED = '/work/shared/azdo-rest-specs/recorded/options-locations.json';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});

afterAll(async () => {
  await emu.close();
});

describe('OPTIONS resource locations (§2.3, §10.1)', () => {
  it('serves every location at /_apis, with or without allHostTypes, verbatim from the recording', async () => {
    const recorded = items(JSON.parse(readFileSync(RECORDED, 'utf8').replace(/^\uFEFF/, '')));

    const plain = await call(emu, '/_apis', { method: 'OPTIONS', version: null });
    const allHosts = await call(emu, '/_apis?allHostTypes=True', { method: 'OPTIONS', version: null });

    expect(plain.status).toBe(200);
    expect(allHosts.text).toBe(plain.text);
    const served = items(plain.json);
    expect(record(plain.json)['count']).toBe(served.length);
    for (const location of served) {
      expect(recorded).toContainEqual(location);
    }
    for (const id of [
      'a5d28130',
      '01a46dea',
      '9946fd70',
      '225f7195',
      'c23ddff5',
      '46aecb7a',
      'dad91cbe',
      '603fe2ac',
      '0cd358e1',
      '00d9565f',
      'e81700f7',
    ]) {
      expect(served.some((l) => String(l['id']).startsWith(id))).toBe(true);
    }
  });

  it.each(['Location', 'git', 'GIT', 'policy', 'core', 'build', 'hooks'])(
    'filters /_apis/%s by area, any case',
    async (area) => {
      const answer = await call(emu, `/_apis/${area}`, { method: 'OPTIONS', version: null });

      const areas = new Set(items(answer.json).map((l) => String(l['area']).toLowerCase()));
      expect(answer.status).toBe(200);
      expect([...areas]).toEqual([area.toLowerCase()]);
    },
  );
});

describe('OPTIONS discovery of the service hook routes', () => {
  const expand = (template: string, values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_whole, name: string) => values[name] ?? '').replace(/\/+$/, '');

  it('announces subscriptions and notifications at their recorded location ids, and the routes answer', async () => {
    const answer = await call(emu, '/_apis/hooks', { method: 'OPTIONS', version: null });
    const locations = items(answer.json);
    expect(locations.map((l) => [l['id'], l['resourceName']]).sort()).toEqual([
      ['0c62d343-21b0-4732-997b-017fde84dc28', 'notifications'],
      ['fc50d02a-849f-41fb-8af1-0a5216103269', 'subscriptions'],
    ]);
    const template = (name: string) =>
      String(locations.find((l) => l['resourceName'] === name)?.['routeTemplate']);

    // A client that builds its URLs from the templates reaches the routes the emulator serves.
    const created = await call(
      emu,
      `/${expand(template('subscriptions'), { area: 'hooks', resource: 'subscriptions' })}`,
      {
        method: 'POST',
        token: 'pat',
        body: JSON.stringify({
          publisherId: 'tfs',
          eventType: 'git.push',
          consumerId: 'webHooks',
          consumerActionId: 'httpRequest',
          publisherInputs: { projectId: emu.projects[0]?.id ?? '' },
          consumerInputs: { url: 'http://127.0.0.1:9/hook', basicAuthUsername: 'u', basicAuthPassword: 'p' },
        }),
      },
    );
    expect(created.status).toBe(200);
    const subscriptionId = String(record(created.json)['id']);
    const one = `/${expand(template('subscriptions'), { area: 'hooks', resource: 'subscriptions', subscriptionId })}`;
    expect((await call(emu, one, { token: 'pat' })).status).toBe(200);
    const history = `/${expand(template('notifications'), { area: 'hooks', resource: 'notifications', subscriptionId })}`;
    const notifications = await call(emu, history, { token: 'pat' });
    expect(notifications.status).toBe(200);
    expect(record(notifications.json)['count']).toBe(0);
    expect((await call(emu, one, { method: 'DELETE', token: 'pat' })).status).toBe(204);
  });

  it('lets a client negotiate the hooks api-version on a Server release', async () => {
    emu.control.setServerVersion('2019');
    try {
      const answer = await call(emu, '/_apis/hooks', { method: 'OPTIONS', version: null });
      const subscriptions = items(answer.json).find((l) => l['resourceName'] === 'subscriptions');
      expect(subscriptions).toMatchObject({ minVersion: '1.0', maxVersion: '5.0', releasedVersion: '5.0' });
    } finally {
      emu.control.reset();
    }
  });
});

describe('ResourceAreas and connectionData (§2.4, §2.5)', () => {
  it('lists git, policy, core and build at the emulator itself', async () => {
    const answer = await call(emu, '/_apis/ResourceAreas', { version: '5.0-preview.1' });

    const areas = items(answer.json);
    expect(areas.map((a) => a['name'])).toEqual(expect.arrayContaining(['git', 'policy', 'core', 'Build']));
    expect(areas.every((a) => a['locationUrl'] === `${emu.orgUrl}/`)).toBe(true);
  });

  it.each([null, '7.1-preview.1'])(
    'answers connectionData with api-version %s, any path case',
    async (version) => {
      const answer = await call(emu, '/_apis/ConnectionData', { version, token: 'pat' });

      const user = record(record(answer.json)['authenticatedUser']);
      expect(answer.status).toBe(200);
      expect(user['providerDisplayName']).toBe('Emulator User');
    },
  );
});

describe('response conventions (§1.4, §10.12–14)', () => {
  it('sends the service headers, echoing X-TFS-Session and the negotiated api-version', async () => {
    const answer = await call(emu, '/_apis/projects', {
      version: '5.0',
      headers: { 'x-tfs-session': 'abc-session' },
    });

    const activityId = answer.headers.get('activityid');
    expect(activityId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-vss-e2eid')).toBe(activityId);
    expect(answer.headers.get('x-tfs-session')).toBe('abc-session');
    expect(answer.headers.get('x-vss-userdata')).toMatch(/^[0-9a-f-]{36}:Build\\/);
    expect(answer.headers.get('x-msedge-ref')).toMatch(/^Ref A: .* Ref B: .* Ref C: /);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8; api-version=5.0');
  });

  it('answers an unknown route with the text/plain controller 404 and x-tfs-serviceerror', async () => {
    const answer = await call(emu, '/_apis/nothing/here');

    const message =
      "The controller for path '/fabrikam/_apis/nothing/here' was not found or does not implement IController.";
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(answer.text).toBe(message);
    expect(decodeURIComponent(answer.headers.get('x-tfs-serviceerror') ?? '')).toBe(message);
  });

  it('writes dates with seven fractional digits and Z', async () => {
    const answer = await call(emu, '/_apis/projects');

    expect(String(items(answer.json)[0]?.['lastUpdateTime'])).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/,
    );
  });

  it.each(['close', 'keep-alive'])('serves Connection: %s clients', async (connection) => {
    const url = new URL(`${emu.orgUrl}/_apis/projects`);

    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { headers: { authorization: `Bearer ${emu.tokens.jobToken}`, connection } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end();
    });

    expect(status).toBe(200);
  });
});
