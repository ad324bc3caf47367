import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Feedback, Ticket } from '../db/entities/index.ts';
import { feedbackChannels } from '../db/enums.ts';
import type { CustomerScope } from './access.ts';
import { systemActor } from './actor.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { pgArray } from './pg-array.ts';
import { needsRecovery, needsRecoverySql } from './recovery-trigger.ts';
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

type FeedbackFields = z.output<z.ZodObject<typeof feedbackFields>>;

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
 * ticket is added to that ticket as a note instead of opening a second one. A customer outside
 * `scope` is not found.
 *
 * This is the ingest hot path, so it speaks SQL. Most answers are not low: one statement finds the
 * customer in scope and stores the answer unless it is low, with no BEGIN or COMMIT round trips (a
 * statement is atomic on its own). A low answer, an unknown customer or a used key then take the
 * transactional path. The unique idempotency key with ON CONFLICT DO NOTHING settles concurrent
 * retries (the second waits for the first, then finds its row).
 */
export async function submitFeedback(
  em: EntityManager,
  raw: SubmitFeedbackInput,
  scope: CustomerScope = {},
): Promise<SubmitFeedbackResult> {
  const input = parseInput(submitFeedbackSchema, raw);
  if (scoreFields.every((field) => input[field] == null)) {
    throw new ValidationError('input: give at least one answer (nps, csat or a tracker question)', 'input.nps');
  }
  const submittedAt = input.submittedAt ?? new Date();
  const stored = await storeUnlessLow(em, input, submittedAt, scope);
  if (stored) return { feedback: stored, ticket: null, replayed: false };

  return em.transactional(async (tx) => {
    const sql = <T>(text: string, params: unknown[]) =>
      tx.getConnection().execute<T[]>(text, params, 'all', tx.getTransactionContext());
    const [customer] = await sql<CustomerRow>(`select ${customerColumns} ${customerInScope}`, [
      input.customerId,
      scope.teamId ?? null,
      scope.customerId ?? null,
    ]);
    if (!customer) {
      const existing = await tx.findOne(Feedback, { idempotencyKey: input.idempotencyKey });
      if (existing && scope.teamId === undefined && scope.customerId === undefined) return replay(tx, existing, input);
      throw new NotFoundError('No customer with this id.', 'input.customerId');
    }
    const [row] = await sql<Record<string, unknown>>(
      `insert into feedback (${feedbackColumns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (idempotency_key) do nothing returning *`,
      [customer.id, ...feedbackValues(input, submittedAt)],
    );
    if (!row) {
      return replay(tx, await tx.findOneOrFail(Feedback, { idempotencyKey: input.idempotencyKey }), input);
    }
    const feedback = tx.map(Feedback, row as never);
    const thresholds = { npsThreshold: customer.nps_threshold, csatThreshold: customer.csat_threshold };
    const ticket = needsRecovery(feedback, thresholds) ? await recoveryTicketFor(tx, feedback, customer) : null;
    return { feedback, ticket, replayed: false };
  });
}

const customerColumns = 'c.id, c.team_id, t.nps_threshold, t.csat_threshold, t.ack_sla_hours, t.resolve_sla_hours';
/** Parameters: the customer's id, then the scope's team id and customer id (null: any). */
const customerInScope = `from customer c join team t on t.id = c.team_id
  where c.id = ? and c.team_id = coalesce(?::int, c.team_id) and c.id = coalesce(?::int, c.id)`;
/** The columns a new answer fills, in the order feedbackValues gives them after customer_id. */
export const feedbackColumns = `customer_id, nps, csat, intent_keep_buying, intent_buy_more, brand_image, needs_met,
  comment, channel, submitted_at, idempotency_key, created_at`;

export function feedbackValues(input: FeedbackFields, submittedAt: Date): unknown[] {
  return [
    ...scoreFields.map((field) => input[field] ?? null),
    input.comment || null,
    input.channel,
    submittedAt,
    input.idempotencyKey,
    new Date(),
  ];
}

/**
 * The one-statement path: stores the answer when the customer is in scope, the answer is not low
 * and the key is new; null when it stored nothing. (Triggers move the customer's latest NPS and the
 * analytics rollups: migration LatestNpsTrigger.)
 */
async function storeUnlessLow(
  em: EntityManager,
  input: z.output<typeof submitFeedbackSchema>,
  submittedAt: Date,
  scope: CustomerScope,
): Promise<Feedback | null> {
  const [row] = await em.getConnection().execute<Record<string, unknown>[]>(
    `with c as (select ${customerColumns} ${customerInScope}),
     ins as (
       insert into feedback (${feedbackColumns})
       select c.id, ?::smallint, ?::smallint, ?::smallint, ?::smallint, ?::smallint, ?::smallint, ?, ?, ?, ?, ?
         from c where not ${needsRecoverySql('?::int', '?::int', 'c')}
       on conflict (idempotency_key) do nothing returning *)
     select * from ins`,
    [
      input.customerId,
      scope.teamId ?? null,
      scope.customerId ?? null,
      ...feedbackValues(input, submittedAt),
      input.nps ?? null,
      input.csat ?? null,
    ],
    'all',
    em.getTransactionContext(),
  );
  return row ? em.map(Feedback, row as never) : null;
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
