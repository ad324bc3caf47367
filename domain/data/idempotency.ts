import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Finds what an earlier call with this idempotency key stored, holding a transaction-scoped lock
 * on the key so that two concurrent calls with the same key cannot both find nothing and both
 * write. Call it first inside the transaction that writes the row.
 */
export async function findByIdempotencyKey<T extends { idempotencyKey?: string | null }>(
  tx: EntityManager,
  entity: EntityClass<T>,
  key: string,
  populate: string[] = [],
): Promise<T | null> {
  const table = tx.getMetadata().get(entity).tableName;
  await tx
    .getConnection()
    .execute(
      'select pg_advisory_xact_lock(hashtextextended(?, 0))',
      [`${table}:${key}`],
      'get',
      tx.getTransactionContext(),
    );
  return tx.findOne(entity, { idempotencyKey: key } as never, { populate: populate as never });
}
