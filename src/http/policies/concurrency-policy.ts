// Holds a slot of a limiter shared by the whole client while one attempt is on the wire, so at most N
// requests are in flight however many callers fan out. It sits inside the retry policy, so a
// request sleeping between attempts holds no slot (STYLE.md §2 guidelines 1 and 4).

import type { ConcurrencyLimiter } from '../../util/limit-concurrency.js';
import type { HttpPolicy } from '../types.js';

export interface ConcurrencyPolicyOptions {
  /** The client's limiter; share it with nothing that itself sends through this pipeline, or it can deadlock. */
  readonly limiter: ConcurrencyLimiter;
}

/** Creates the policy. A request still waiting for a slot rejects when its wait signal aborts. */
export function createConcurrencyPolicy(options: ConcurrencyPolicyOptions): HttpPolicy {
  return {
    name: 'concurrency',
    sendRequest(request, next) {
      return options.limiter.run(() => next(request), request.waitSignal ?? request.signal);
    },
  };
}
