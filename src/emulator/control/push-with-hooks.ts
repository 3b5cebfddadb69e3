// A push through the control API as the service handles it: the branch moves at once; the PRs into it are
// re-merged (and their checks expire) now or after the configured delay; every matching `git.push` service hook
// subscription gets a notification (service-hooks reference §1, §4, §5).
import { pushBranch, remergeTarget, type PushRequest, type PushResult } from '../engine/push-branch.js';
import { deliverNotification } from '../hooks/deliver-notification.js';
import { wantsPush, type HookNotification } from '../hooks/hook-subscriptions.js';
import { pushEventJson } from '../hooks/push-event-json.js';
import { formatDate } from '../protocol/wire-format.js';
import { orgUrlOf, type EmulatorRuntime } from '../runtime/emulator-runtime.js';

export function pushWithHooks(runtime: EmulatorRuntime, request: PushRequest): PushResult {
  const { store, hooks } = runtime;
  const delayMs = hooks.settings.remergeDelayMs;
  const result = pushBranch(store, request, runtime.clock.nowMs(), { remerge: delayMs === undefined });
  if (delayMs !== undefined) {
    const timer = setTimeout(() => {
      hooks.timers.delete(timer);
      // A reset in between replaced the store: the push belongs to a world that is gone.
      if (runtime.store !== store) return;
      for (const pushed of result.pushed) {
        remergeTarget(store, pushed.repositoryId, result.refName, runtime.clock.nowMs());
      }
    }, delayMs);
    hooks.timers.add(timer);
  }
  notifySubscriptions(runtime, result);
  return result;
}

function notifySubscriptions(runtime: EmulatorRuntime, result: PushResult): void {
  const { store, hooks } = runtime;
  const nowMs = runtime.clock.nowMs();
  for (const pushed of result.pushed) {
    const repository = store.repositoriesById.get(pushed.repositoryId);
    if (repository === undefined) continue;
    const push = { projectId: pushed.projectId, repositoryId: pushed.repositoryId, refName: result.refName };
    for (const subscription of hooks.registry.subscriptions.values()) {
      if (!wantsPush(subscription, push)) continue;
      const notificationId = hooks.registry.newNotificationId();
      const notification: HookNotification = {
        id: notificationId,
        subscriptionId: subscription.id,
        eventId: '',
        eventType: 'git.push',
        status: 'processing',
        result: 'pending',
        payload: pushEventJson({
          subscriptionId: subscription.id,
          notificationId,
          orgUrl: orgUrlOf(runtime),
          collectionId: store.collectionId,
          projectId: pushed.projectId,
          projectName: pushed.project,
          repositoryId: pushed.repositoryId,
          repositoryName: pushed.repository,
          defaultBranch: repository.defaultBranch,
          refName: result.refName,
          oldObjectId: pushed.oldCommitId,
          newObjectId: pushed.commitId,
          pushId: store.counters.pushes,
          pushedBy: { id: store.identities.pat.id, displayName: store.identities.pat.displayName },
          date: formatDate(nowMs),
        }),
        attempts: [],
        createdMs: nowMs,
      };
      notification.eventId = String(notification.payload['id']);
      hooks.registry.notifications.push(notification);
      deliverNotification(subscription, notification, {
        delayScale: hooks.settings.retryDelayScale,
        nowMs: () => runtime.clock.nowMs(),
        timers: hooks.timers,
      });
    }
  }
}
