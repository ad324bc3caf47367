import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Customer, Feedback, Ticket, TicketEvent } from '../db/entities/index.ts';
import { feedbackChannels } from '../db/enums.ts';
import { systemActor } from './actor.ts';
import { queueTicketAlerts } from './chat-outbox.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { findByIdempotencyKey } from './idempotency.ts';
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

/**
 * Stores one feedback answer and, when it is low, opens a recovery ticket, all in one transaction.
 * A retry with the same idempotency key returns what the first call stored; the same key with a
 * different answer is a conflict. A low answer from a customer who already has an active recovery
 * ticket is added to that ticket as a note instead of opening a second one.
 */
export async function submitFeedback(em: EntityManager, raw: SubmitFeedbackInput): Promise<SubmitFeedbackResult> {
  const input = parseInput(submitFeedbackSchema, raw);
  if (scoreFields.every((field) => input[field] == null)) {
    throw new ValidationError('input: give at least one answer (nps, csat or a tracker question)', 'input.nps');
  }

  return em.transactional(async (tx) => {
    const existing = await findByIdempotencyKey(tx, Feedback, input.idempotencyKey);
    if (existing) return replay(tx, existing, input);

    const customer = await tx.findOne(Customer, input.customerId, { populate: ['team'] });
    if (!customer) throw new NotFoundError('No customer with this id.', 'input.customerId');

    const submittedAt = input.submittedAt ?? new Date();
    const feedback = tx.create(Feedback, {
      customer,
      nps: input.nps ?? null,
      csat: input.csat ?? null,
      intentKeepBuying: input.intentKeepBuying ?? null,
      intentBuyMore: input.intentBuyMore ?? null,
      brandImage: input.brandImage ?? null,
      needsMet: input.needsMet ?? null,
      comment: input.comment || null,
      channel: input.channel,
      submittedAt,
      idempotencyKey: input.idempotencyKey,
    });

    const ticket = needsRecovery(feedback, customer.team) ? await recoveryTicketFor(tx, feedback) : null;
    await tx.flush();
    if (ticket?.feedback === feedback) {
      queueTicketAlerts(tx, ticket, new Date());
      await tx.flush();
    }
    if (feedback.nps != null) await updateLatestNps(tx, customer.id, feedback.nps, submittedAt);
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

async function recoveryTicketFor(tx: EntityManager, feedback: Feedback): Promise<Ticket> {
  const customer = feedback.customer;
  const active = await tx.findOne(
    Ticket,
    { customer, kind: 'SERVICE_RECOVERY', status: { $in: [...activeStatuses] } },
    { orderBy: { createdAt: 'desc' } },
  );
  if (active) {
    tx.create(TicketEvent, {
      ticket: active,
      type: 'NOTE',
      channel: systemActor.channel,
      actorName: systemActor.name,
      note: `Another low answer arrived: ${describeScores(feedback)}`,
    });
    return active;
  }
  return openTicket(tx, {
    kind: 'SERVICE_RECOVERY',
    customer,
    feedback,
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

/** Keeps the customer's denormalised latest NPS, ignoring answers older than the one stored. */
async function updateLatestNps(tx: EntityManager, customerId: number, nps: number, at: Date): Promise<void> {
  await tx.nativeUpdate(
    Customer,
    { id: customerId, $or: [{ latestNpsAt: null }, { latestNpsAt: { $lte: at } }] },
    { latestNps: nps, latestNpsAt: at },
  );
}
