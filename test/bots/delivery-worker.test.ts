import { describe, expect, it } from 'vitest';
import { type ChatPoster, type Delivery, DeliveryWorker } from '../../bots/delivery/worker.ts';
import type { GraphQLClient } from '../../bots/graphql-client.ts';
import * as ops from '../../bots/operations.ts';
import { eventually } from '../support/fake-slack.ts';

/** An outbox of `count` surveys behind a fake API client, recording claims and completions. */
function outbox(count: number) {
  const due: Delivery[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    kind: 'SURVEY',
    platform: 'SLACK',
    target: 'U1',
    messageRef: null,
    threadRef: null,
    attempts: 1,
    wantedVersion: 1,
    createdAt: new Date().toISOString(),
    ticket: null,
    customer: { id: 'c', name: 'Customer' },
  }));
  const claims: number[] = [];
  const completed: number[] = [];
  const client = (async (query: string, variables: Record<string, any> = {}) => {
    if (query === ops.claimDeliveries) {
      const deliveries = due.splice(0, variables.limit);
      claims.push(deliveries.length);
      return { claimChatDeliveries: { claimed: { deliveries } } };
    }
    if (query === ops.completeDelivery) completed.push(variables.input.deliveryId);
    return {};
  }) as GraphQLClient;
  const poster = { platform: 'SLACK', postSurvey: async () => 'ts' } as unknown as ChatPoster;
  return { client, poster, claims, completed };
}

describe('DeliveryWorker', () => {
  it('drains a backlog at once, claiming again after every full batch, and waits a poll after a partial one', async () => {
    const { client, poster, claims, completed } = outbox(60);
    const worker = new DeliveryWorker({ client, poster, batchSize: 25, pollMs: 60_000 });
    worker.start();
    try {
      await eventually(() => completed.length === 60, 2000);
      expect(claims).toEqual([25, 25, 10]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(claims).toEqual([25, 25, 10]); // the next poll is a minute away
    } finally {
      await worker.stop();
    }
  });
});
