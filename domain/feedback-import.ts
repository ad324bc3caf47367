import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { feedbackFields } from './feedback-service.ts';
import { parseInput, pastInstant } from './validation.ts';

// History must say when each answer was given.
const rowSchema = z.object({ ...feedbackFields, submittedAt: z.coerce.date().pipe(pastInstant) });

export type ImportRow = z.input<typeof rowSchema>;

const columns = [
  'customer_id',
  'nps',
  'csat',
  'intent_keep_buying',
  'intent_buy_more',
  'brand_image',
  'needs_met',
  'comment',
  'channel',
  'submitted_at',
  'idempotency_key',
  'created_at',
] as const;

/**
 * Imports historical feedback in batches: each batch is validated whole (a bad row names its line
 * and nothing of the batch is written), inserted with one multi-row INSERT that skips keys already
 * stored (so a re-run imports nothing twice), and moves customers' latest NPS forward. History
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
  return em.transactional(async (tx) => {
    const values: unknown[] = [];
    const tuples = parsed.map((row) => {
      values.push(
        row.customerId,
        row.nps ?? null,
        row.csat ?? null,
        row.intentKeepBuying ?? null,
        row.intentBuyMore ?? null,
        row.brandImage ?? null,
        row.needsMet ?? null,
        row.comment || null,
        row.channel,
        row.submittedAt,
        row.idempotencyKey,
        new Date(),
      );
      return `(${columns.map(() => '?').join(', ')})`;
    });
    const connection = tx.getConnection();
    const inserted = await connection.execute<{ customer_id: number; nps: number | null; submitted_at: Date }[]>(
      `insert into feedback (${columns.join(', ')}) values ${tuples.join(', ')}
       on conflict (idempotency_key) do nothing returning customer_id, nps, submitted_at`,
      values,
      'all',
      tx.getTransactionContext(),
    );
    await connection.execute(
      `update customer c set latest_nps = l.nps, latest_nps_at = l.submitted_at
         from (select distinct on (customer_id) customer_id, nps, submitted_at from feedback
                where customer_id = any(?::int[]) and nps is not null order by customer_id, submitted_at desc, id desc) l
        where c.id = l.customer_id and (c.latest_nps_at is null or c.latest_nps_at <= l.submitted_at)`,
      [`{${[...new Set(inserted.map((row) => row.customer_id))].join(',')}}`],
      'run',
      tx.getTransactionContext(),
    );
    return inserted.length;
  });
}
