// Posts one notification to a Web Hooks subscription and retries as the service does (service-hooks reference
// §4): 408, 502, 503 and 504 are transient and retried up to 8 times with backoff 1, 2, 4 … 60 s; any other
// failure puts the subscription on probation; 410 disables it at once; a success restores it. `delayScale`
// shrinks the schedule for tests (0.001 turns 1 s into 1 ms).
import type { HookNotification, HookSubscription } from './hook-subscriptions.js';

const TRANSIENT = new Set([408, 502, 503, 504]);
const MAX_RETRIES = 8;

export function retryDelayMs(retry: number, delayScale: number): number {
  return Math.min(1000 * 2 ** (retry - 1), 60_000) * delayScale;
}

export interface DeliveryContext {
  readonly delayScale: number;
  readonly nowMs: () => number;
  /** Timers to cancel when the emulator closes or resets. */
  readonly timers: Set<NodeJS.Timeout>;
}

export function deliverNotification(
  subscription: HookSubscription,
  notification: HookNotification,
  context: DeliveryContext,
): void {
  const attempt = async (retry: number): Promise<void> => {
    const answer = await post(subscription, notification.payload);
    notification.attempts.push({ atMs: context.nowMs(), ...answer });
    if (answer.status >= 200 && answer.status < 300) {
      notification.result = 'succeeded';
      notification.status = 'completed';
      if (subscription.status === 'onProbation') subscription.status = 'enabled';
      return;
    }
    if (answer.status === 410) {
      subscription.status = 'disabledBySystem';
    } else if ((TRANSIENT.has(answer.status) || answer.status === 0) && retry < MAX_RETRIES) {
      const timer = setTimeout(
        () => {
          context.timers.delete(timer);
          void attempt(retry + 1);
        },
        retryDelayMs(retry + 1, context.delayScale),
      );
      context.timers.add(timer);
      return;
    } else if (!TRANSIENT.has(answer.status)) {
      subscription.status = 'onProbation';
    }
    notification.result = 'failed';
    notification.status = 'completed';
  };
  void attempt(0);
}

async function post(
  subscription: HookSubscription,
  payload: Record<string, unknown>,
): Promise<{ status: number; error?: string }> {
  const inputs = subscription.consumerInputs;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const password = inputs['basicAuthPassword'];
  if (inputs['basicAuthUsername'] !== undefined || password !== undefined) {
    const pair = `${inputs['basicAuthUsername'] ?? ''}:${password ?? ''}`;
    headers['authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  try {
    const response = await fetch(inputs['url'] ?? '', {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(20_000),
    });
    await response.arrayBuffer();
    return { status: response.status };
  } catch (error) {
    return { status: 0, error: error instanceof Error ? error.message : String(error) };
  }
}
