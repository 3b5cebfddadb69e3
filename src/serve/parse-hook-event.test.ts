import { describe, expect, it } from 'vitest';

import { BadDeliveryError, parseHookEvent } from './parse-hook-event.js';

import { aPushPayload as aPush } from '../../test/support/hook-payloads.js';

const NEW = 'a'.repeat(40);

function aPushPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...aPush({
      subscriptionId: 'A1B2C3D4-0000-4000-8000-000000000001',
      repositoryId: 'REPO-ID',
      projectId: 'PROJECT-ID',
    }),
    ...overrides,
  };
}

const parse = (value: unknown) => parseHookEvent(Buffer.from(JSON.stringify(value)));

describe('parseHookEvent', () => {
  it('reads a push: its repository, project and the branches it moved, keyed by subscription and notification', () => {
    expect(parse(aPushPayload())).toEqual({
      kind: 'push',
      deliveryKey: 'notification:a1b2c3d4-0000-4000-8000-000000000001/7',
      notificationId: 7,
      project: { id: 'project-id', name: 'Fabrikam' },
      repository: { id: 'repo-id', name: 'web' },
      branches: [{ refName: 'refs/heads/main', newObjectId: NEW }],
    });
  });

  it('leaves out deleted branches and tags', () => {
    const payload = aPushPayload();
    (payload['resource'] as Record<string, unknown>)['refUpdates'] = [
      { name: 'refs/heads/gone', newObjectId: '0'.repeat(40) },
      { name: 'refs/tags/v1', newObjectId: NEW },
    ];
    expect(parse(payload)).toMatchObject({ kind: 'push', branches: [] });
  });

  it('falls back to the event id when there is no notification id', () => {
    expect(parse(aPushPayload({ notificationId: undefined }))).toMatchObject({
      deliveryKey: 'event:event-7',
    });
  });

  it('calls another well-formed event "other"', () => {
    expect(parse({ eventType: 'build.complete', resource: {} })).toEqual({
      kind: 'other',
      eventType: 'build.complete',
    });
  });

  it.each([
    ['not JSON', Buffer.from('{nope')],
    ['a JSON array', Buffer.from('[]')],
    ['no eventType', Buffer.from('{"resource":{}}')],
    [
      'a push without a repository',
      Buffer.from(JSON.stringify(aPushPayload({ resource: { refUpdates: [] } }))),
    ],
    [
      'a push whose commit id is not one',
      Buffer.from(
        JSON.stringify(
          aPushPayload({
            resource: {
              refUpdates: [{ name: 'refs/heads/main', newObjectId: 'zz' }],
              repository: { id: 'r', project: { id: 'p' } },
            },
          }),
        ),
      ),
    ],
  ])('refuses %s', (_what, body) => {
    expect(() => parseHookEvent(body)).toThrow(BadDeliveryError);
  });
});
