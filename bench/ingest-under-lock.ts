import pg from 'pg';
import { type Load, load } from './measure.ts';

/**
 * Figure 3b: ingest for healthy customers with nothing locked, then while another session holds
 * one customer's row and one client keeps answering for that customer (what made every answer of
 * a process wait behind it before batches skipped locked customers).
 */
export async function measureIngestUnderLock(options: {
  api: string;
  databaseUrl: string;
  headers: Record<string, string>;
  customers: { id: number; gid: string }[];
  seconds: number;
  note: (line: string) => void;
}) {
  const { api, headers, seconds, note } = options;
  const [locked, ...healthy] = options.customers;
  if (!locked) throw new Error('no customers to measure with');
  const answer = (customerId: string) => () =>
    JSON.stringify({
      query: 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }',
      variables: { i: { customerId, nps: 8, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    });
  const anyHealthy = () => answer(healthy[Math.floor(Math.random() * healthy.length)]!.gid)();
  const healthyLoad = () => load({ url: api, seconds, connections: 19, headers, body: anyHealthy });

  const free = await healthyLoad();
  const holder = new pg.Client({ connectionString: options.databaseUrl });
  await holder.connect();
  let underLock: Load;
  let lockedAnswers: Load;
  try {
    await holder.query('begin');
    await holder.query('select 1 from customer where id = $1 for update', [locked.id]);
    // The locked customer's client runs through the healthy load's warm-up and measured run.
    const lockedClient = load({
      url: api,
      seconds: seconds + 1,
      warmupSeconds: 1,
      connections: 1,
      headers,
      body: answer(locked.gid),
    });
    underLock = await healthyLoad();
    lockedAnswers = await lockedClient;
  } finally {
    await holder.query('rollback').catch(() => {});
    await holder.end();
  }
  note('### 3b. Ingest for healthy customers while one customer is locked\n');
  note('| 19 clients answering for other customers | req/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|');
  for (const [name, result] of [
    ['nothing locked', free],
    ['one customer locked by another session, 1 more client answering for it', underLock],
  ] as const) {
    note(
      `| ${name} | ${result.rps.toFixed(0)} | ${result.p50.toFixed(1)} ms | ${result.p99.toFixed(1)} ms | ${result.errors} |`,
    );
  }
  note(
    `\nThe healthy customers keep **${(underLock.rps / free.rps).toFixed(2)}x** of their rate while a customer is locked. The locked customer's client got ${lockedAnswers.errors} retryable TIMEOUT answers (503, Retry-After: 1) of ${lockedAnswers.requests}, each after the lock timeout (DB_LOCK_TIMEOUT_MS, 2 s: p50 ${lockedAnswers.p50.toFixed(0)} ms): a batch skips a customer another session holds, and only that customer's answer waits.\n`,
  );
}
