import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` in a transaction whose statements may take up to `ms` (a report over a year of data
 * may outlast the request path's statement timeout; it still has one). Read-only work only.
 */
export function withStatementTimeout<T>(em: EntityManager, ms: number, work: (tx: EntityManager) => Promise<T>) {
  return em.transactional(async (tx) => {
    await tx
      .getConnection()
      .execute("select set_config('statement_timeout', ?, true)", [String(ms)], 'run', tx.getTransactionContext());
    return work(tx);
  });
}
