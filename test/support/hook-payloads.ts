// A `git.push` service hook delivery as Azure DevOps sends it (service-hooks reference §1), and a Basic header.

export interface PushPayloadOptions {
  readonly notificationId?: number;
  readonly subscriptionId?: string;
  readonly projectId?: string;
  readonly projectName?: string;
  readonly repositoryId?: string;
  readonly repositoryName?: string;
  readonly refName?: string;
  readonly newObjectId?: string;
}

export function aPushPayload(options: PushPayloadOptions = {}): Record<string, unknown> {
  const refName = options.refName ?? 'refs/heads/main';
  return {
    subscriptionId: options.subscriptionId ?? 'a1b2c3d4-0000-4000-8000-000000000001',
    notificationId: options.notificationId ?? 7,
    id: `event-${options.notificationId ?? 7}`,
    eventType: 'git.push',
    publisherId: 'tfs',
    resourceVersion: '1.0',
    createdDate: '2026-12-01T10:00:00.000Z',
    resource: {
      refUpdates: [
        { name: refName, oldObjectId: 'b'.repeat(40), newObjectId: options.newObjectId ?? 'a'.repeat(40) },
      ],
      repository: {
        id: options.repositoryId ?? '7a2d3e5f-0000-4000-8000-000000000002',
        name: options.repositoryName ?? 'web',
        project: {
          id: options.projectId ?? '6f1c2c4e-0000-4000-8000-000000000001',
          name: options.projectName ?? 'Fabrikam',
        },
      },
      pushId: 14,
      date: '2026-12-01T10:00:00.000Z',
    },
    resourceContainers: {
      project: { id: options.projectId ?? '6f1c2c4e-0000-4000-8000-000000000001' },
      collection: { id: 'c0000000-0000-4000-8000-000000000000' },
      account: { id: 'a0000000-0000-4000-8000-000000000000' },
    },
  };
}

export function basicAuth(password: string, user = 'azdo-requeue'): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
