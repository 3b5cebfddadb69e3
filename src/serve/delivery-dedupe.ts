// Remembers the deliveries already taken, so a redelivery (or a duplicate arriving at the same time) does nothing
// more. Bounded: the oldest keys are forgotten first; Azure DevOps retries a notification for minutes, not days
// of traffic (service-hooks reference §4).

export interface DeliveryDedupe {
  /** True when the key was seen before. Does not record it: call `remember` once the delivery is accepted. */
  seen(key: string): boolean;
  remember(key: string): void;
}

export function createDeliveryDedupe(capacity = 10_000): DeliveryDedupe {
  const keys = new Set<string>();
  return {
    seen: (key) => keys.has(key),
    remember(key) {
      keys.add(key);
      // A Set iterates in insertion order, so its first key is the oldest.
      while (keys.size > capacity) {
        const oldest = keys.values().next().value;
        if (oldest === undefined) break;
        keys.delete(oldest);
      }
    },
  };
}
