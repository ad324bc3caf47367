import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

type Row = Record<string, unknown>;

/** Statements kept prepared per process; past this, a new shape runs unnamed (still with parameters). */
const maxPrepared = 200;
const preparedNames = new Set<string>();

/**
 * Runs a read statement (with MikroORM's `?` placeholders) as PostgreSQL's own parameters, by a
 * prepared statement named after its text. MikroORM's `execute` writes the values into the SQL
 * text, so PostgreSQL plans every request again; a named statement is planned once per connection
 * and then generically (BENCHMARKS.md, figure 2, has what planning costs the main list). Inside
 * a transaction, for a text with `??` or with `prepared: false`, it runs as MikroORM runs it. The
 * session's settings (the statement timeout) are the pool's, so they hold here too; the query goes
 * through the `onQuery` hook and is logged as MikroORM's are.
 */
export async function preparedRows(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  { prepared: asPrepared = true } = {},
): Promise<Row[]> {
  const connection = em.getConnection();
  if (!asPrepared || em.isInTransaction() || sql.includes('??')) {
    return connection.execute<Row[]>(sql, [...params], 'all', em.getTransactionContext());
  }
  const text = em.config.get('onQuery')(numberedPlaceholders(sql, params.length), params);
  const name = `ll_${createHash('sha1').update(text).digest('base64url')}`;
  const named = preparedNames.has(name) || preparedNames.size < maxPrepared;
  if (named) preparedNames.add(name);
  const pool = await connection.getNativeClient();
  const started = performance.now();
  const result = await pool.query(named ? { name, text, values: [...params] } : { text, values: [...params] });
  em.config.getLogger().logQuery({
    query: text,
    params,
    took: Math.round(performance.now() - started),
    results: result.rowCount ?? undefined,
    level: 'info',
  });
  return result.rows as Row[];
}

/** MikroORM's `?` placeholders as PostgreSQL's `$1`, `$2`, … (the text must hold no other `?`). */
export function numberedPlaceholders(sql: string, values: number): string {
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  if (n !== values) throw new Error(`${n} placeholders for ${values} values`);
  return text;
}
