import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Feedback, Ticket } from '../../db/entities/index.ts';
import type { CustomerScope } from '../access/access.ts';
import { customerNotFound } from '../customers/find-customer.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import { parseInput, pastInstant } from '../shared/validation.ts';
import { answerRow, inScopeSql, type StoredAnswer, storeTogether, storeWithTickets } from './feedback-batch.ts';
import { feedbackFields, scoreFields } from './feedback-columns.ts';

const submitFeedbackSchema = z.object({ ...feedbackFields, submittedAt: pastInstant.nullish() });

export type SubmitFeedbackInput = z.input<typeof submitFeedbackSchema>;

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
 * ticket is added to that ticket as a note instead of opening a second one. A customer outside
 * `scope` is not found.
 *
 * This is the ingest hot path, so it speaks SQL, and answers that arrive together are written
 * together (storeTogether). An answer that path leaves (a used key, an unknown customer, a low
 * answer alone) takes a transaction of its own. The unique idempotency key with ON CONFLICT DO
 * NOTHING settles concurrent retries (the second waits for the first, then finds its row).
 */
export async function submitFeedback(
  em: EntityManager,
  raw: SubmitFeedbackInput,
  scope: CustomerScope = {},
  { batchLanes }: { batchLanes?: number } = {},
): Promise<SubmitFeedbackResult> {
  const input = parseInput(submitFeedbackSchema, raw);
  if (scoreFields.every((field) => input[field] == null)) {
    throw new ValidationError('input: give at least one answer (nps, csat or a tracker question)', 'input.nps');
  }
  const submittedAt = input.submittedAt ?? new Date();
  const stored = await storeTogether(em, answerRow(input, submittedAt, scope), batchLanes);
  if (stored) return mapped(em, stored);

  return em.transactional(async (tx) => {
    const [written] = await storeWithTickets(tx, [answerRow(input, submittedAt, scope)]);
    if (written) return mapped(tx, written);
    const existing = await tx.findOne(Feedback, { idempotencyKey: input.idempotencyKey });
    const unscoped = scope.teamId === undefined && scope.customerId === undefined;
    if (existing && (unscoped || (await inScope(tx, input.customerId, scope)))) return replay(tx, existing, input);
    throw customerNotFound();
  });
}

function mapped(em: EntityManager, stored: StoredAnswer): SubmitFeedbackResult {
  const feedback = em.map(Feedback, stored.feedback as never);
  return { feedback, ticket: stored.ticket && em.map(Ticket, stored.ticket as never), replayed: false };
}

async function inScope(em: EntityManager, customerId: number, scope: CustomerScope): Promise<boolean> {
  const rows = await em
    .getConnection()
    .execute(
      `select 1 from customer c where c.id = ? and ${inScopeSql('c', '?::int', '?::int')}`,
      [customerId, scope.teamId ?? null, scope.customerId ?? null],
      'all',
      em.getTransactionContext(),
    );
  return rows.length > 0;
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
