import { describe, expect, it } from 'vitest';
import { Customer, Feedback, Ticket } from '../../../db/entities/index.ts';
import { importFeedbackBatch } from '../../../domain/feedback/feedback-import.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { useTestDatabase } from '../../support/database.ts';
import { makeCustomer, makeTeam } from '../../support/factories.ts';

const db = useTestDatabase();

describe('importing historical feedback', () => {
  it('stores each row once, moves the latest NPS forward, opens no tickets, and a bad row stops its batch whole', async () => {
    const em = db.orm.em.fork();
    const customer = await makeCustomer(em, await makeTeam(em));
    const key = crypto.randomUUID();
    const rows = [
      {
        customerId: customer.id,
        nps: 2,
        channel: 'EMAIL' as const,
        submittedAt: '2025-01-10T10:00:00Z',
        idempotencyKey: `${key}-1`,
      },
      {
        customerId: customer.id,
        nps: 9,
        csat: 5,
        channel: 'WEB' as const,
        submittedAt: '2025-03-10T10:00:00Z',
        idempotencyKey: `${key}-2`,
      },
    ];
    expect(await importFeedbackBatch(db.orm.em.fork(), rows)).toBe(2);
    expect(await importFeedbackBatch(db.orm.em.fork(), rows)).toBe(0);
    const fresh = db.orm.em.fork();
    expect(await fresh.count(Feedback, { customer: customer.id })).toBe(2);
    expect(await fresh.count(Ticket, { customer: customer.id })).toBe(0);
    expect((await fresh.findOneOrFail(Customer, customer.id)).latestNps).toBe(9);

    const bad = [
      { ...rows[0]!, idempotencyKey: `${key}-3` },
      { ...rows[1]!, nps: 12, idempotencyKey: `${key}-4` },
    ];
    const error = await importFeedbackBatch(db.orm.em.fork(), bad, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('line 11.nps');
    expect(await db.orm.em.fork().count(Feedback, { customer: customer.id })).toBe(2);
  });
});
