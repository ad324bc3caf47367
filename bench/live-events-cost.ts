// npm run bench:live-events: what the live-event triggers (LISTEN/NOTIFY for subscriptions) cost a
// feedback batch: the same batches of 50 answers inserted with the feedback_notify trigger on and
// off, in alternating rounds, while one API process's connection LISTENs and reads every notification.
import pg from 'pg';
import { liveChannel } from '../domain/live/live-event.ts';
import { prepareDatabase } from '../server/prepare-database.ts';
import { percentile } from './measure.ts';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const target = new URL(serverUrl);
target.pathname = '/loyalty_loop_live_bench';
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const batches = Number(process.env.BENCH_BATCHES ?? 200);
const batchSize = 50;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query('drop database if exists loyalty_loop_live_bench');
await admin.query('create database loyalty_loop_live_bench');
await admin.end();
await prepareDatabase(target.toString(), { seed: true });

const db = new pg.Client({ connectionString: target.toString() });
const listener = new pg.Client({ connectionString: target.toString() });
await Promise.all([db.connect(), listener.connect()]);
let heard = 0;
listener.on('notification', () => heard++);
await listener.query(`listen ${liveChannel}`);
const customers = (await db.query('select id from customer order by id limit 500')).rows.map((row) => row.id as number);

/** Inserts the batches as the group commit does (one INSERT of many rows per transaction): rows per second. */
async function run(): Promise<number> {
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const ids = Array.from({ length: batchSize }, (_, i) => customers[(b * batchSize + i) % customers.length]);
    await db.query('begin');
    await db.query(
      `insert into feedback (customer_id, nps, channel, submitted_at, created_at, idempotency_key)
       select c, 8, 'WEB', now(), now(), gen_random_uuid()::text from unnest($1::int[]) as c`,
      [ids],
    );
    await db.query('commit');
  }
  return (batches * batchSize) / ((performance.now() - started) / 1000);
}

const results = { on: [] as number[], off: [] as number[] };
await run(); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const mode of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
    await db.query(`alter table feedback ${mode === 'on' ? 'enable' : 'disable'} trigger feedback_notify`);
    results[mode].push(await run());
  }
}
await db.query('alter table feedback enable trigger feedback_notify');
await new Promise((resolve) => setTimeout(resolve, 200));
const on = percentile(results.on, 50);
const off = percentile(results.off, 50);
console.log(`| trigger | rows/s (median of ${rounds} rounds of ${batches} batches of ${batchSize}) |
|---|---|
| feedback_notify on (one LISTENer) | ${on.toFixed(0)} |
| feedback_notify off | ${off.toFixed(0)} |

Cost: ${((1 / on - 1 / off) * 1e6 || 0).toFixed(1)} µs per answer (${((1 - on / off) * 100).toFixed(1)}% of the insert's throughput); notifications heard: ${heard}.`);
await Promise.all([db.end(), listener.end()]);
