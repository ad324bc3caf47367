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
 * The list's statement as loyalty-loop sends it (its values written into the text, so PostgreSQL
 * plans it at every request), the same text as a prepared statement (what planning it once would
 * save), and PostGraphile's (a prepared statement with parameters, as it sends them), each run
 * `runs` times after as many unmeasured runs (a prepared statement is planned generically after five).
 */
export async function listStatementCosts(
  db: pg.Client,
  ours: string,
  peer: { text: string; values: unknown[] },
  runs = 30,
) {
  const oursInline = await explain(db, ours, runs);
  await db.query(`prepare bench_ours_list as ${ours}`);
  await db.query(`prepare bench_peer_list as ${peer.text}`);
  const peerExecute = `execute bench_peer_list(${peer.values.map((value) => literal(db, value)).join(', ')})`;
  try {
    for (let i = 0; i < runs; i++) {
      await db.query('execute bench_ours_list');
      await db.query(peerExecute);
    }
    return {
      ours: oursInline,
      oursPrepared: await explain(db, 'execute bench_ours_list', runs),
      peer: await explain(db, peerExecute, runs),
    };
  } finally {
    await db.query('deallocate bench_ours_list');
    await db.query('deallocate bench_peer_list');
  }
}
