import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Serialises work on one idempotency key across processes for the rest of the transaction, so
 * that two concurrent requests with the same key cannot both pass the "already stored?" check.
 */
export async function lockIdempotencyKey(tx: EntityManager, scope: string, key: string): Promise<void> {
  await tx
    .getConnection()
    .execute(
      'select pg_advisory_xact_lock(hashtextextended(?, 0))',
      [`${scope}:${key}`],
      'get',
      tx.getTransactionContext(),
    );
}
