import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ValidationError } from '../shared/errors.ts';
import { parseInput, pastInstant } from '../shared/validation.ts';
import { feedbackColumns, feedbackFields, feedbackValues } from './feedback-columns.ts';

// History must say when each answer was given.
const rowSchema = z.object({ ...feedbackFields, submittedAt: z.coerce.date().pipe(pastInstant) });

export type ImportRow = z.input<typeof rowSchema>;

/**
 * Imports historical feedback in batches: each batch is validated whole (a bad row names its line
 * and nothing of the batch is written), inserted with one multi-row INSERT that skips keys already
 * stored (so a re-run imports nothing twice), which moves customers' latest NPS forward. History
 * opens no tickets and sends no alerts: it is the past, not a customer waiting for an answer.
 */
export async function importFeedbackBatch(em: EntityManager, rows: ImportRow[], firstLine = 1): Promise<number> {
  const parsed = rows.map((row, i) => {
    try {
      return parseInput(rowSchema, row, `line ${firstLine + i}`);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      throw new ValidationError(`line ${firstLine + i}: not a feedback row`, `line ${firstLine + i}`);
    }
  });
  if (parsed.length === 0) return 0;
  const rowValues = parsed.map((row) => [row.customerId, ...feedbackValues(row, row.submittedAt)]);
  const tuples = rowValues.map((row) => `(${row.map(() => '?').join(', ')})`);
  // One statement: all of the batch or nothing. Triggers move each customer's latest NPS and the
  // analytics rollups (migrations AnalyticsRollups, LatestNpsTrigger).
  const inserted = await em.getConnection().execute<{ customer_id: number }[]>(
    `insert into feedback (${feedbackColumns}) values ${tuples.join(', ')}
     on conflict (idempotency_key) do nothing returning customer_id`,
    rowValues.flat(),
    'all',
    em.getTransactionContext(),
  );
  return inserted.length;
}
