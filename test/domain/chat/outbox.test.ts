import { describe, expect, it } from 'vitest';
import { ChatDelivery, Ticket } from '../../../db/entities/index.ts';
import { claimDeliveries, failDelivery, queueDueReminders, retryDelivery } from '../../../domain/chat/outbox.ts';
import { useTestDatabase } from '../../support/database.ts';
import { makeCustomer, makeTeam } from '../../support/factories.ts';

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

  it('queues reminders only under an alert that is in the chat, never under a dead letter', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const past = new Date(Date.now() - 60_000);
    const ticket = em.create(Ticket, { team, customer, ackDueAt: past, resolveDueAt: past });
    const alert = em.create(ChatDelivery, {
      dedupeKey: `alert:test:${crypto.randomUUID()}`,
      platform: 'SLACK',
      kind: 'ALERT',
      ticket,
      target: 'CTEST',
      nextAttemptAt: past,
      failedAt: past,
    });
    await em.flush();
    const escalations = () => em.fork().count(ChatDelivery, { ticket: ticket.id, kind: 'ESCALATION' });
    await queueDueReminders(em.fork(), 240);
    expect(await escalations()).toBe(0);
    await em.nativeUpdate(ChatDelivery, { id: alert.id }, { failedAt: null, messageRef: '1700000000.000100' });
    await queueDueReminders(em.fork(), 240);
    expect(await escalations()).toBe(1);
  });
});
