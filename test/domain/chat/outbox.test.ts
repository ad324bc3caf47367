import { describe, expect, it } from 'vitest';
import { ChatDelivery } from '../../../db/entities/index.ts';
import { claimDeliveries, failDelivery, retryDelivery } from '../../../domain/chat/outbox.ts';
import { useTestDatabase } from '../../support/database.ts';

const db = useTestDatabase();
const policy = { leaseSeconds: 30, maxAttempts: 3 };

async function delivery(attempts: number) {
  const em = db.orm.em.fork();
  const row = em.create(ChatDelivery, {
    dedupeKey: `test:${crypto.randomUUID()}`,
    platform: 'DISCORD',
    kind: 'SURVEY',
    target: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    attempts,
    nextAttemptAt: new Date(),
  });
  await em.flush();
  return row;
}

describe('dead letters', () => {
  it('gives a delivery up after maxAttempts failed attempts, but not for a rate limit', async () => {
    const early = await failDelivery(db.orm.em.fork(), (await delivery(2)).id, { error: 'HTTP 502' }, policy);
    expect(early.failedAt).toBeNull();
    const limited = await failDelivery(
      db.orm.em.fork(),
      (await delivery(3)).id,
      { error: '429', retryAfterSeconds: 5 },
      policy,
    );
    expect(limited.failedAt).toBeNull();
    const last = await failDelivery(db.orm.em.fork(), (await delivery(3)).id, { error: 'HTTP 502' }, policy);
    expect(last.failedAt).toBeInstanceOf(Date);
    expect(last.lastError).toBe('HTTP 502');
  });

  it('gives up at once on a permanent error, claims no dead letter, and claims it again after a retry', async () => {
    const dead = await failDelivery(
      db.orm.em.fork(),
      (await delivery(1)).id,
      { error: 'discord 10003', permanent: true, retryAfterSeconds: 0 },
      policy,
    );
    expect(dead.failedAt).toBeInstanceOf(Date);
    const claimed = async () =>
      (await claimDeliveries(db.orm.em.fork(), 'DISCORD', 100, policy)).map((d) => d.id).includes(dead.id);
    expect(await claimed()).toBe(false);
    const retried = await retryDelivery(db.orm.em.fork(), dead.id);
    expect(retried).toMatchObject({ failedAt: null, attempts: 0 });
    expect(await claimed()).toBe(true);
  });
});
