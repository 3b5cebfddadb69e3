// The service's Prometheus metrics, on a registry of its own (not prom-client's global one, so two services in
// one process, as in the tests, do not share counters). Exposed at GET /metrics.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a delivery was answered; the label values of `azdo_requeue_deliveries_total`. */
export type DeliveryResult =
  | 'accepted'
  | 'coalesced'
  | 'duplicate'
  | 'ignored'
  | 'out_of_scope'
  | 'unauthorized'
  | 'bad_request'
  | 'too_large'
  | 'overloaded'
  | 'shutting_down';

export interface ServeMetrics {
  readonly registry: Registry;
  delivery(result: DeliveryResult): void;
  run(kind: 'push' | 'sweep', requeued: number, failed: number): void;
  /** Seconds from the delivery's arrival to the last requeue call of its run. */
  pushToRequeue(seconds: number): void;
  exposition(): Promise<{ contentType: string; body: string }>;
}

export function createServeMetrics(queueDepth: () => number): ServeMetrics {
  const registry = new Registry();
  const deliveries = new Counter({
    name: 'azdo_requeue_deliveries_total',
    help: 'Service hook deliveries, by how they were answered.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const runs = new Counter({
    name: 'azdo_requeue_runs_total',
    help: 'Requeue runs: one per push to a branch (after coalescing), one per sweep.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const requeues = new Counter({
    name: 'azdo_requeue_requeues_total',
    help: 'Build checks requeued.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'azdo_requeue_requeue_failures_total',
    help: 'Build checks whose requeue (or read) failed.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'azdo_requeue_push_to_requeue_seconds',
    help: 'From a push delivery arriving to the last requeue of its run.',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  new Gauge({
    name: 'azdo_requeue_queue_depth',
    help: 'Branches waiting or being worked on.',
    registers: [registry],
    collect() {
      this.set(queueDepth());
    },
  });
  return {
    registry,
    delivery: (result) => deliveries.inc({ result }),
    run(kind, requeued, failed) {
      runs.inc({ kind });
      requeues.inc({ kind }, requeued);
      failures.inc({ kind }, failed);
    },
    pushToRequeue: (seconds) => latency.observe(seconds),
    exposition: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
