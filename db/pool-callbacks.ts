import type { Pool, PoolClient } from 'pg';

type Query = PoolClient['query'];

/**
 * Makes the pool's clients answer promise-style queries through pg's callback API. In pg 8.23 the
 * results of `await client.query(text, values)` outlive their query until a full collection, so
 * every young-generation collection copies the recent results again (long pauses, a growing heap;
 * BENCHMARKS.md has the figures); through a callback they die young. Kysely, under MikroORM,
 * queries with promises. Queries with a callback, and submittables such as cursors, go to pg
 * unchanged.
 */
export function answerByCallback(pool: Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const submittable = typeof (config as { submit?: unknown } | null)?.submit === 'function';
      if (callback || typeof values === 'function' || submittable) return query(config, values, callback);
      return new Promise((resolve, reject) =>
        query(config, values, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result))),
      );
    }) as Query;
  });
}
