import type { MikroORM } from '@mikro-orm/postgresql';
import { Gauge, Histogram, Registry } from 'prom-client';
import { deliveryBacklog } from '../domain/chat/outbox.ts';
import { useGraphQLMetrics } from './graphql-metrics.ts';

/**
 * Prometheus metrics at /metrics: HTTP request durations, GraphQL operation counts, durations and
 * errors (the GraphQL metrics plugin), the chat outbox's depth per platform, and how long alerts
 * took to reach the chat (from queueing to the platform's answer).
 */
export function createMetrics(orm: MikroORM) {
  const registry = new Registry();
  const deliveryLatency = new Histogram({
    name: 'loyalty_chat_delivery_latency_seconds',
    help: 'Time from queueing a chat message to the platform accepting it.',
    labelNames: ['platform', 'kind'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [registry],
  });
  // Both outbox gauges come from one query per scrape: prom-client collects them side by side.
  let backlog: ReturnType<typeof deliveryBacklog> | null = null;
  const readBacklog = () => {
    backlog ??= deliveryBacklog(orm.em.fork()).finally(() => setImmediate(() => (backlog = null)));
    return backlog;
  };
  new Gauge({
    name: 'loyalty_chat_deliveries_pending',
    help: 'Chat messages queued and not yet delivered, per platform.',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readBacklog()) this.set({ platform: row.platform }, row.pending);
    },
  });
  new Gauge({
    name: 'loyalty_chat_deliveries_failed',
    help: 'Chat messages given up on (dead letters: chatDeliveries(status: FAILED), retryChatDelivery), per platform.',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readBacklog()) this.set({ platform: row.platform }, row.failed);
    },
  });
  const botUp = new Gauge({
    name: 'loyalty_bot_up',
    help: 'Whether the chat bot of this process is connected to its platform (1) or not (0).',
    labelNames: ['platform'],
    registers: [registry],
  });
  const plugin = useGraphQLMetrics(registry);
  return {
    plugin,
    registry,
    observeDelivery: (platform: string, kind: string, seconds: number) =>
      deliveryLatency.observe({ platform, kind }, seconds),
    setBotUp: (platform: string, up: boolean) => botUp.set({ platform }, up ? 1 : 0),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
