import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Feedback, Ticket } from '../db/entities/index.ts';
import { feedbackChannels } from '../db/enums.ts';
import { systemActor } from './actor.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { pgArray } from './pg-array.ts';
import { needsRecovery } from './recovery-trigger.ts';
import { activeStatuses } from './ticket-lifecycle.ts';
import { openTicket } from './ticket-opening.ts';
import { parseInput, pastInstant, score, text } from './validation.ts';

/** One feedback answer's fields, shared by live submissions and imports of history. */
export const feedbackFields = {
  customerId: z.number().int().positive(),
  nps: score(0, 10).nullish(),
  csat: score(1, 5).nullish(),
  intentKeepBuying: score(1, 5).nullish(),
  intentBuyMore: score(1, 5).nullish(),
  brandImage: score(1, 5).nullish(),
  needsMet: score(1, 5).nullish(),
  comment: text.comment.nullish(),
  channel: z.enum(feedbackChannels),
  idempotencyKey: text.idempotencyKey,
};

const submitFeedbackSchema = z.object({ ...feedbackFields, submittedAt: pastInstant.nullish() });

export type SubmitFeedbackInput = z.input<typeof submitFeedbackSchema>;

const scoreFields = ['nps', 'csat', 'intentKeepBuying', 'intentBuyMore', 'brandImage', 'needsMet'] as const;

export interface SubmitFeedbackResult {
  feedback: Feedback;
  /** The recovery ticket this feedback opened or was added to, if it was low. */
  ticket: Ticket | null;
  /** True when the idempotency key had been used before and nothing new was stored. */
  replayed: boolean;
}

interface CustomerRow {
  id: number;
  team_id: number;
  nps_threshold: number;
  csat_threshold: number;
  ack_sla_hours: number;
  resolve_sla_hours: number;
}

/**
 * Stores one feedback answer and, when it is low, opens a recovery ticket, all in one transaction.
 * A retry with the same idempotency key returns what the first call stored; the same key with a
 * different answer is a conflict. A low answer from a customer who already has an active recovery
 * ticket is added to that ticket as a note instead of opening a second one.
 *
 * This is the ingest hot path, so it speaks SQL: the unique idempotency key with ON CONFLICT DO
 * NOTHING settles concurrent retries (the second waits for the first, then finds its row), and a
 * plain answer costs three statements.
 */
export async function submitFeedback(em: EntityManager, raw: SubmitFeedbackInput): Promise<SubmitFeedbackResult> {
  const input = parseInput(submitFeedbackSchema, raw);
  if (scoreFields.every((field) => input[field] == null)) {
    throw new ValidationError('input: give at least one answer (nps, csat or a tracker question)', 'input.nps');
  }

  return em.transactional(async (tx) => {
    const sql = <T>(text: string, params: unknown[]) =>
      tx.getConnection().execute<T[]>(text, params, 'all', tx.getTransactionContext());
    const [customer] = await sql<CustomerRow>(
      `select c.id, c.team_id, t.nps_threshold, t.csat_threshold, t.ack_sla_hours, t.resolve_sla_hours
         from customer c join team t on t.id = c.team_id where c.id = ?`,
      [input.customerId],
    );
    if (!customer) {
      const existing = await tx.findOne(Feedback, { idempotencyKey: input.idempotencyKey });
      if (existing) return replay(tx, existing, input);
      throw new NotFoundError('No customer with this id.', 'input.customerId');
    }
    const submittedAt = input.submittedAt ?? new Date();
    const [row] = await sql<Record<string, unknown>>(
      `insert into feedback (customer_id, nps, csat, intent_keep_buying, intent_buy_more, brand_image, needs_met,
                             comment, channel, submitted_at, idempotency_key, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (idempotency_key) do nothing returning *`,
      [
        customer.id,
        ...scoreFields.map((field) => input[field] ?? null),
        input.comment || null,
        input.channel,
        submittedAt,
        input.idempotencyKey,
        new Date(),
      ],
    );
    if (!row) {
      return replay(tx, await tx.findOneOrFail(Feedback, { idempotencyKey: input.idempotencyKey }), input);
    }
    const feedback = tx.map(Feedback, row as never);
    const thresholds = { npsThreshold: customer.nps_threshold, csatThreshold: customer.csat_threshold };
    const ticket = needsRecovery(feedback, thresholds) ? await recoveryTicketFor(tx, feedback, customer) : null;
    if (feedback.nps != null) {
      // Newer wins: an answer imported late must not replace a later one.
      await sql(
        `update customer set latest_nps = ?, latest_nps_at = ?
          where id = ? and (latest_nps_at is null or latest_nps_at <= ?)`,
        [feedback.nps, submittedAt, customer.id, submittedAt],
      );
    }
    return { feedback, ticket, replayed: false };
  });
}

function replay(tx: EntityManager, existing: Feedback, input: z.output<typeof submitFeedbackSchema>) {
  const same =
    existing.customer.id === input.customerId &&
    existing.channel === input.channel &&
    (existing.comment ?? '') === (input.comment ?? '') &&
    scoreFields.every((field) => existing[field] === (input[field] ?? null));
  if (!same) {
    throw new ConflictError(
      'This idempotency key was already used for a different feedback answer.',
      'input.idempotencyKey',
    );
  }
  return tx.findOne(Ticket, { feedback: existing }).then((ticket) => ({ feedback: existing, ticket, replayed: true }));
}

async function recoveryTicketFor(tx: EntityManager, feedback: Feedback, customer: CustomerRow): Promise<Ticket> {
  const [active] = await tx.getConnection().execute<Record<string, unknown>[]>(
    `select * from ticket where customer_id = ? and kind = 'SERVICE_RECOVERY' and status = any(?::text[])
        order by created_at desc limit 1`,
    [customer.id, pgArray(activeStatuses)],
    'all',
    tx.getTransactionContext(),
  );
  if (active) {
    await tx
      .getConnection()
      .execute(
        `insert into ticket_event (ticket_id, type, actor_name, channel, note, created_at) values (?, 'NOTE', ?, ?, ?, ?)`,
        [
          active.id,
          systemActor.name,
          systemActor.channel,
          `Another low answer arrived: ${describeScores(feedback)}`,
          new Date(),
        ],
        'run',
        tx.getTransactionContext(),
      );
    return tx.map(Ticket, active as never);
  }
  return openTicket(tx, {
    kind: 'SERVICE_RECOVERY',
    customerId: customer.id,
    teamId: customer.team_id,
    sla: { ackSlaHours: customer.ack_sla_hours, resolveSlaHours: customer.resolve_sla_hours },
    feedbackId: feedback.id,
    why: `Opened by low feedback: ${describeScores(feedback)}`,
    now: new Date(),
  });
}

function describeScores(feedback: Feedback): string {
  const parts = [];
  if (feedback.nps != null) parts.push(`NPS ${feedback.nps}`);
  if (feedback.csat != null) parts.push(`CSAT ${feedback.csat}`);
  return parts.join(', ');
}
