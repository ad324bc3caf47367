// Where the main list's time goes in PostgreSQL: EXPLAIN (ANALYZE) of the statement each server
// sends for it, planning and execution apart, run as each server runs it.
import type pg from 'pg';
import { percentile } from './measure.ts';

const median = (values: number[]) => percentile(values, 50);

interface Costs {
  planningMs: number;
  executionMs: number;
}

async function explain(db: pg.Client, statement: string, runs: number): Promise<Costs> {
  const planning: number[] = [];
  const execution: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { rows } = await db.query(`explain (analyze, summary, format json) ${statement}`);
    const [plan] = rows[0]['QUERY PLAN'] as { 'Planning Time': number; 'Execution Time': number }[];
    planning.push(plan!['Planning Time']);
    execution.push(plan!['Execution Time']);
  }
  return { planningMs: median(planning), executionMs: median(execution) };
}

const literal = (db: pg.Client, value: unknown) =>
  value === null || value === undefined
    ? 'null'
    : db.escapeLiteral(typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * The list's statement with its values written into the text (as MikroORM's execute sends it, so
 * PostgreSQL plans it at every request), the same as a prepared statement with parameters (as
 * loyalty-loop sends it: preparedRows), and PostGraphile's (a prepared statement too), each run
 * `runs` times after as many unmeasured runs (a prepared statement is planned generically after five).
 */
export async function listStatementCosts(
  db: pg.Client,
  ours: { inline: string; text: string; values: unknown[] },
  peer: { text: string; values: unknown[] },
  runs = 30,
) {
  const arguments_ = (values: unknown[]) => values.map((value) => literal(db, value)).join(', ');
  const oursInline = await explain(db, ours.inline, runs);
  await db.query(`prepare bench_ours_list as ${ours.text}`);
  await db.query(`prepare bench_peer_list as ${peer.text}`);
  const oursExecute = `execute bench_ours_list(${arguments_(ours.values)})`;
  const peerExecute = `execute bench_peer_list(${arguments_(peer.values)})`;
  try {
    for (let i = 0; i < runs; i++) {
      await db.query(oursExecute);
      await db.query(peerExecute);
    }
    return {
      ours: oursInline,
      oursPrepared: await explain(db, oursExecute, runs),
      peer: await explain(db, peerExecute, runs),
    };
  } finally {
    await db.query('deallocate bench_ours_list');
    await db.query('deallocate bench_peer_list');
  }
}
