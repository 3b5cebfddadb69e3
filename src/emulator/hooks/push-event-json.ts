// The `git.push` event as the Web Hooks consumer posts it (resourceVersion 1.0, service-hooks reference §1).
import { randomUUID } from 'node:crypto';

export interface PushEventInput {
  subscriptionId: string;
  notificationId: number;
  orgUrl: string;
  collectionId: string;
  projectId: string;
  projectName: string;
  repositoryId: string;
  repositoryName: string;
  defaultBranch: string;
  refName: string;
  oldObjectId: string;
  newObjectId: string;
  pushId: number;
  pushedBy: { id: string; displayName: string };
  date: string;
}

export function pushEventJson(input: PushEventInput): Record<string, unknown> {
  const repositoryUrl = `${input.orgUrl}/${input.projectId}/_apis/git/repositories/${input.repositoryId}`;
  const branch = input.refName.replace(/^refs\/heads\//, '');
  const text = `${input.pushedBy.displayName} pushed updates to ${input.repositoryName}:${branch}.`;
  return {
    subscriptionId: input.subscriptionId,
    notificationId: input.notificationId,
    id: randomUUID(),
    eventType: 'git.push',
    publisherId: 'tfs',
    scope: 'all',
    message: { text },
    detailedMessage: { text },
    resource: {
      commits: [{ commitId: input.newObjectId, comment: 'Emulated push' }],
      refUpdates: [{ name: input.refName, oldObjectId: input.oldObjectId, newObjectId: input.newObjectId }],
      repository: {
        id: input.repositoryId,
        name: input.repositoryName,
        url: repositoryUrl,
        project: { id: input.projectId, name: input.projectName, state: 'wellFormed' },
        defaultBranch: input.defaultBranch,
        remoteUrl: `${input.orgUrl}/${encodeURIComponent(input.projectName)}/_git/${encodeURIComponent(input.repositoryName)}`,
      },
      pushedBy: input.pushedBy,
      pushId: input.pushId,
      date: input.date,
      url: `${repositoryUrl}/pushes/${input.pushId}`,
    },
    resourceVersion: '1.0',
    resourceContainers: {
      collection: { id: input.collectionId },
      account: { id: input.collectionId },
      project: { id: input.projectId },
    },
    createdDate: input.date,
  };
}
