// npm run bench: measures loyalty-loop against raw baselines in one run and writes BENCHMARKS.md.
// Servers run pinned to core 0, this load generator to core 1 (see package.json), all on 127.0.0.1.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { operationHash } from '../bots/operation-hash.ts';
import { frontendOperations } from '../dashboard/operations.ts';
import { ormConfig } from '../db/mikro-orm.config.ts';
import { demoAdminToken } from '../db/seeders/demo-token.ts';
import { issueToken } from '../domain/access/api-tokens.ts';
import { numberedPlaceholders } from '../domain/data/prepared-rows.ts';
import { defaultBatchLanes } from '../domain/feedback/feedback-batch.ts';
import { createLogger } from '../server/logger.ts';
import { prepareDatabase } from '../server/prepare-database.ts';
import { createApp, defaultSettings } from '../server/yoga.ts';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { buildTimes, measureDashboard } from './dashboard.ts';
import { measurePurchaseImport } from './import-purchases.ts';
import { measureIngestUnderLock } from './ingest-under-lock.ts';
import { listStatementCosts } from './list-plans.ts';
import { type Load, load, percentile } from './measure.ts';
import { postgraphileList } from './peers/list-equivalence.ts';
import {
  type Contender,
  checkListEquivalence,
  createFeedbackBody,
  insertBody,
  type Measured,
  type Peers,
  peerTable,
  ratio,
  sideBySide,
  startPeers,
  submitFeedbackBody,
} from './peers.ts';
import { cpuSeconds, databaseCpuSeconds, startPinned, stop, stopAll } from './processes.ts';
import { measureReport } from './report.ts';
import { generateReportData } from './report-data.ts';
import { type Variant, variants } from './variant-server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const benchDb = new URL(serverUrl);
benchDb.pathname = '/loyalty_loop_bench';
const databaseUrl = benchDb.toString();
const auth = { authorization: `Bearer ${demoAdminToken}` };
const api = 'http://127.0.0.1:4500/graphql';
const variantUrl = 'http://127.0.0.1:4503/graphql';
const lines: string[] = [];
const note = (line: string) => {
  console.log(line);
  lines.push(line);
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

const mainList = JSON.stringify({ query: frontendOperations.customerList, variables: { first: 50 } });
const persistedMainList = JSON.stringify({
  variables: { first: 50 },
  extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(frontendOperations.customerList) } },
});

type Ablation = { name: string; results: (Load & { cpuMs: number })[] }[];

const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const median = (values: number[]) => percentile(values, 50);

/** A load, with the CPU the server process used per request while it was measured (from /proc). */
async function loadWithCpu(child: ChildProcess, options: Parameters<typeof load>[0]) {
  let before = 0;
  const result = await load({
    ...options,
    beforeMeasuring: async () => {
      before = cpuSeconds(child);
    },
  });
  return { ...result, cpuMs: ((cpuSeconds(child) - before) * 1000) / result.requests };
}

/**
 * The main list under each variant of bench/variant-server.ts (one change each), by its persisted
 * hash, and without the child-page indexes, on the same data as figure 2. Every variant is measured
 * in each of `rounds` rounds, so that a slow spell of the machine does not fall on one variant only.
 */
async function measureAblation(): Promise<Ablation> {
  const cases: { name: string; variant: Variant; body: string; withoutChildIndexes?: boolean }[] = [
    ...Object.entries(variants).map(([variant, name]) => ({ name, variant: variant as Variant, body: mainList })),
    { name: 'sent as a persisted operation (hash and variables only)', variant: 'shipped', body: persistedMainList },
    {
      name: 'without the indexes behind the child pages (feedback and tickets by customer)',
      variant: 'shipped',
      body: mainList,
      withoutChildIndexes: true,
    },
  ];
  const rows: Ablation = cases.map(({ name }) => ({ name, results: [] }));
  const childIndexes = (
    await db.query(
      `select indexdef from pg_indexes where indexname in ('feedback_customer_id_submitted_at_index', 'ticket_customer_id_status_index')`,
    )
  ).rows.map((row) => row.indexdef as string);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { variant, body, withoutChildIndexes }] of cases.entries()) {
      if (withoutChildIndexes) {
        await db.query('drop index feedback_customer_id_submitted_at_index, ticket_customer_id_status_index');
      }
      const server = await startPinned(
        'bench/variant-server.ts',
        { VARIANT: variant, PORT: '4503', DATABASE_URL: databaseUrl },
        'ready',
      );
      const result = await loadWithCpu(server, {
        url: variantUrl,
        seconds,
        connections: 10,
        headers: auth,
        body: () => body,
      });
      await stop(server);
      if (withoutChildIndexes) for (const indexdef of childIndexes) await db.query(indexdef);
      rows[i]!.results.push(result);
    }
  }
  return rows;
}

function writeAblation(rows: Ablation) {
  const summary = rows.map(({ name, results }) => ({
    name,
    rps: median(results.map((r) => r.rps)),
    p99: median(results.map((r) => r.p99)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    leastCpuMs: Math.min(...results.map((r) => r.cpuMs)),
  }));
  const shipped = summary[0]!;
  note('## 6. What each measure buys: the main list with one thing changed\n');
  note(
    `The main list (figure 2's query) against bench/variant-server.ts: the API as \`npm start\` builds it (Prometheus metrics, rate limit off, no bots) with one change per row, on the same data as figure 2. Each variant ran in each of ${rounds} rounds (a fresh process, ${seconds} s after a 2 s warm-up), so that a slow spell of this shared machine does not fall on one variant only: medians, and the least server CPU per request (user + system, from /proc) of the rounds, the steadiest figure here (the same server varies by ±25% from run to run).\n`,
  );
  note(
    '| variant | req/s (median) | p99 (median) | server CPU per request (median) | least CPU per request | least CPU vs shipped |\n|---|---|---|---|---|---|',
  );
  for (const row of summary) {
    note(
      `| ${row.name} | ${row.rps.toFixed(0)} | ${ms(row.p99)} | ${ms(row.cpuMs)} | ${ms(row.leastCpuMs)} | ${ratio(row.leastCpuMs, shipped.leastCpuMs)} |`,
    );
  }
  note(
    "\nWhat is in \"as shipped\" and why: the list's look-ahead reads the page with its team, latest answers and open tickets in one statement shaped like the selection, with only the columns the selected fields read, and makes read-only entities of the rows without MikroORM's entity factory (the \"no look-ahead\" row is the entity path: the statements figure 2 counts, every row through the factory). Yoga's parse/validate cache and graphql-jit for the known operations are the GraphQL layer's measures; `propagationOnPrototype: false` and read-only entities for child pages (code, so not a row here; 8-19% less CPU on the list when they came, measured in-process) are the ORM's; the child pages' indexes matter more as the data grows (the demo data has a thousand answers). The GraphQL metrics (useGraphQLMetrics) are the four README.md lists, under the names of Yoga's Prometheus plugin, which they replace: that plugin's defaults (per-phase histograms, a summary, a walk of every document for deprecated fields) cost about 0.25 ms of CPU per request, a third of a `{ __typename }`, and even with only these four it took a tenth of this list's CPU, working the labels out several times a request; ours works them out once per cached document. A larger pool buys little here, where one core runs the API; it matters when the database, not the API process, is the wait. A persisted operation saves reading and hashing the document text.\n",
  );
}

async function recreateBenchDatabase() {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('drop database if exists loyalty_loop_bench with (force)');
  await admin.query('create database loyalty_loop_bench');
  await admin.end();
}

const postgraphileBody = JSON.stringify({ query: postgraphileList });
const postgraphileVersion = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'node_modules', 'postgraphile', 'package.json'), 'utf8'),
).version as string;

/** The main list's larger size: 20,000 customers and 200,000 answers in a database of their own, with its servers. */
async function startLargeList() {
  const target = new URL(databaseUrl);
  target.pathname = '/loyalty_loop_bench_large';
  const url = target.toString();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('drop database if exists loyalty_loop_bench_large with (force)');
  await admin.query('create database loyalty_loop_bench_large');
  await admin.end();
  await prepareDatabase(url, { seed: false });
  const size = { customers: 20_000, purchases: 100_000, feedback: 200_000, teams: 20 };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await generateReportData(client, size, new Date());
  const orm = await MikroORM.init(ormConfig({ databaseUrl: url }));
  await issueToken(orm.em.fork(), { name: 'bench', role: 'ADMIN', secret: demoAdminToken });
  await orm.close(true);
  const largeServer = await startPinned(
    'server/main.ts',
    {
      DATABASE_URL: url,
      PORT: '4520',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      CHURN_CHECK_MINUTES: '0',
      SEED_DEMO_DATA: 'false',
    },
    'Stop with Ctrl-C',
  );
  const largePeers = await startPeers(url, { postgraphile: 4530, raw: 4522, insert: 4532 });
  return {
    server: largeServer,
    api: 'http://127.0.0.1:4520/graphql',
    peers: largePeers,
    db: client,
    customers: size.customers,
    answers: size.feedback,
    async stop() {
      await largePeers.stop();
      await stop(largeServer);
      await client.end();
    },
  };
}

/**
 * The statements the main list sends (the token cached): each with its values written into the
 * text (as MikroORM's execute sends them) and as a text with parameters (as preparedRows does).
 */
async function mainListStatements(lookAhead: boolean): Promise<{ inline: string; text: string; values: unknown[] }[]> {
  const statements: { inline: string; text: string; values: unknown[] }[] = [];
  const orm: MikroORM = await MikroORM.init({
    ...ormConfig({ databaseUrl }),
    onQuery: (sql: string, params: readonly unknown[]) => {
      statements.push({
        inline: orm.em.getPlatform().formatQuery(sql, params as unknown[]),
        text: numberedPlaceholders(sql, params.length),
        values: [...params],
      });
      return sql;
    },
  });
  // Through MikroORM's execute, so that the hook sees the `?` form of every statement.
  const app = createApp({
    orm,
    logger: createLogger('silent'),
    settings: { ...defaultSettings, lookAhead, preparedStatements: false },
  });
  const request = (body: string) =>
    app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body,
    });
  await request('{"query":"{ __typename }"}'); // the token is looked up once, then cached
  statements.length = 0;
  await request(mainList);
  await orm.close(true);
  return statements;
}

await recreateBenchDatabase();
// Built before the server starts: it reads the dashboard's files once, at start.
const dashboardBuilds = await buildTimes();
const slack = await startFakeSlack();
const server = await startPinned(
  'server/main.ts',
  {
    DATABASE_URL: databaseUrl,
    PORT: '4500',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    CHURN_CHECK_MINUTES: '0',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_MODE: 'http',
    SLACK_API_URL: slack.apiUrl,
    DELIVERY_POLL_MS: '50',
  },
  'Stop with Ctrl-C',
);
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();

try {
  note(`# Benchmarks\n`);
  note(
    `Measured by \`npm run bench\` (BENCH_SECONDS=${seconds} per load; PostgreSQL at ${new URL(serverUrl).host}) on ${new Date().toISOString().slice(0, 10)}.`,
  );
  note(
    `Machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}. Servers pinned to core 0, autocannon to core 1 (taskset).`,
  );
  note(
    'Data: the demo seed (3 teams, 200 customers, 2,000 purchases, 1,000 feedback answers). Every figure is compared with a baseline measured in the same run.\n',
  );

  // 1 and 2: side by side with the peers (bench/peers.ts), every server pinned to core 0, loaded in turns.
  const peers = await startPeers(databaseUrl, { postgraphile: 4510, raw: 4502, insert: 4512 });
  const hello = await startPinned('bench/peers/hello-server.ts', { PORT: '4501' }, 'ready');
  const ours = (body: () => string): Contender => ({
    label: 'loyalty-loop API',
    child: server,
    url: api,
    headers: auth,
    body,
  });
  const typenames = await sideBySide(
    [
      ours(() => '{"query":"{ __typename }"}'),
      {
        label: 'PostGraphile v5',
        child: peers.postgraphile,
        url: peers.postgraphileUrl,
        body: () => '{"query":"{ __typename }"}',
        statements: peers.statements,
      },
      { label: 'bare node:http hello', child: hello, url: 'http://127.0.0.1:4501/' },
    ],
    { rounds, seconds, connections: 10, db },
  );
  await stop(hello);
  const [typename, postgraphileTypename, bare] = typenames as [Measured, Measured, Measured];
  note('## 1. `{ __typename }`: loyalty-loop, PostGraphile v5 and a bare node:http hello\n');
  note(
    `Medians of ${rounds} rounds, the three servers in turns (${seconds} s each after a 2 s warm-up, 10 connections). loyalty-loop checks the token, counts metrics and runs Armor's limits and its persisted-operation and CSRF plugins (rate limit off); PostGraphile ${postgraphileVersion} runs with its amber preset and no authorization.\n`,
  );
  peerTable(note, typenames, { 'loyalty-loop API': 0, 'bare node:http hello': 0 });
  const typenameTarget = typename.rps >= 0.8 * postgraphileTypename.rps;
  note(
    `\nloyalty-loop: **${ratio(typename.rps, postgraphileTypename.rps)}** of PostGraphile's req/s (target ≥ 0.8x: **${typenameTarget ? 'met' : 'not met'}**), ${ratio(typename.rps, bare.rps)} of the bare server's. Yoga's own request-body limit is off, because the HTTP door already refuses bodies over the limit or without a length: it piped every body through a counting stream whose teardown builds a DOMException, which cost more than half of a \`{ __typename }\` (1,560 → 4,000 req/s in a profile run); its readiness plugin matched a URLPattern against every request, ours compares the path.\n`,
  );

  const listStatements = await mainListStatements(true);
  const statements = listStatements.length;
  const entityStatements = (await mainListStatements(false)).length;
  const ablation = await measureAblation();
  const listSizes: { label: string; rows: Measured[]; same: Awaited<ReturnType<typeof checkListEquivalence>> }[] = [];
  const listContenders = (oursServer: ChildProcess, apiUrl: string, p: Peers): Contender[] => [
    { label: 'loyalty-loop API', child: oursServer, url: apiUrl, headers: auth, body: () => mainList },
    {
      label: 'PostGraphile v5',
      child: p.postgraphile,
      url: p.postgraphileUrl,
      body: () => postgraphileBody,
      statements: p.statements,
    },
    { label: 'hand-written SQL via pg + node:http', child: p.raw, url: p.rawUrl },
  ];
  listSizes.push({
    label: 'demo data (200 customers, 1,000 answers)',
    same: await checkListEquivalence(api, auth, peers),
    rows: await sideBySide(listContenders(server, api, peers), { rounds, seconds, connections: 10, db }),
  });
  // What PostgreSQL spends on each server's list statement (the demo size's, as they last sent it).
  const listCosts = await listStatementCosts(db, listStatements[0]!, await peers.lastStatement());
  // The larger size: its own database, API and peers, stopped before the figures below.
  const large = await startLargeList();
  try {
    listSizes.push({
      label: `${large.customers.toLocaleString('en')} customers, ${large.answers.toLocaleString('en')} answers`,
      same: await checkListEquivalence(large.api, auth, large.peers),
      rows: await sideBySide(listContenders(large.server, large.api, large.peers), {
        rounds,
        seconds,
        connections: 10,
        db: large.db,
      }),
    });
  } finally {
    await large.stop();
  }
  note('## 2. Main list: 50 customers with latest feedback, open tickets and team (`CustomerList`, with pageInfo)\n');
  note(
    `loyalty-loop sends \`CustomerList\` (dashboard/operations.ts) with the demo admin's token: authorization on. PostGraphile gets its closest equivalent (\`postgraphileList\` in bench/peers/list-equivalence.ts: \`allCustomers\` newest first with \`teamByTeamId\`, \`feedbacksByCustomerId(first: 1)\`, and open and acknowledged tickets as two connections, since its conditions take one value), with no authorization; the hand-written server (bench/peers/raw-list-server.ts) one SQL statement. Before measuring, the bench checks that the three answer the same 50 rows with the same fields (customer ids, names, teams, latest answer, open tickets): at each size ${listSizes.map((size) => `${size.same.rows} rows, ${size.same.answered} with an answer, ${size.same.tickets} open tickets`).join('; ')}. Medians of ${rounds} rounds, the three in turns.\n`,
  );
  for (const size of listSizes) {
    const [list, peer] = size.rows as [Measured, Measured, Measured];
    note(`**${size.label}**\n`);
    peerTable(note, size.rows, { 'loyalty-loop API': statements, 'hand-written SQL via pg + node:http': 1 });
    note(
      `\nloyalty-loop: **${ratio(list.rps, peer.rps)}** of PostGraphile's req/s (target ≥ 1.0x: **${list.rps >= peer.rps ? 'met' : 'not met'}**), p99 ${ratio(list.p99, peer.p99)} of theirs (target ≤ 1.0x: **${list.p99 <= peer.p99 ? 'met' : 'not met'}**).\n`,
    );
  }
  note(
    `Where PostgreSQL's time goes (demo data; EXPLAIN (ANALYZE) of each server's list statement, medians of 30 runs after 30 unmeasured ones):\n`,
  );
  note('| statement | planning | execution |\n|---|---|---|');
  for (const [label, costs] of [
    [
      "loyalty-loop's statement with its values in the text (MikroORM's execute: planned at every request)",
      listCosts.ours,
    ],
    ['loyalty-loop as it sends it: a prepared statement with parameters (preparedRows)', listCosts.oursPrepared],
    ['PostGraphile, as it sends it (a prepared statement with parameters)', listCosts.peer],
  ] as const) {
    note(`| ${label} | ${costs.planningMs.toFixed(3)} ms | ${costs.executionMs.toFixed(3)} ms |`);
  }
  note(
    `\nPlanning was ${Math.round((100 * listCosts.ours.planningMs) / (listCosts.ours.planningMs + listCosts.ours.executionMs))}% of the list statement's time in PostgreSQL while MikroORM wrote its values into the text (its \`execute\` formats them client-side), so no plan was ever reused; PostGraphile's prepared statements are planned once per connection. The list now runs as a prepared statement named after its text (preparedRows; at most 200 names per process, further shapes unnamed): figure 6's "values in the text" row is the same API without it.\n`,
  );
  note(
    `SQL statements per request: loyalty-loop **${statements}**, for 5 or 50 customers: the list is read by one statement shaped like the selection (listCustomersAhead), as the hand-written server's. Through entities and dataloaders (figure 6's "no look-ahead" row) it takes ${entityStatements}, also the same for any page size. PostGraphile's count is every statement its pool sent during the load, divided by the requests. CPU per request is user + system time from /proc: of the server process, and of PostgreSQL's processes serving the bench database.\n`,
  );

  // 3. Feedback ingest
  const { rows: customerRows } = await db.query('select id from customer order by id');
  const customerIds = customerRows.map((row) => Buffer.from(`Customer:${row.id}`).toString('base64'));
  let before = 0;
  let serverCpuBefore = 0;
  let databaseCpuBefore: number | null = null;
  const ingest = await load({
    url: api,
    seconds,
    connections: 20,
    headers: auth,
    body: () =>
      JSON.stringify({
        query: 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }',
        variables: {
          i: {
            customerId: customerIds[Math.floor(Math.random() * customerIds.length)],
            nps: Math.random() < 0.2 ? Math.floor(Math.random() * 7) : 7 + Math.floor(Math.random() * 4),
            channel: 'WEB',
            idempotencyKey: crypto.randomUUID(),
          },
        },
      }),
    beforeMeasuring: async () => {
      before = Number((await db.query('select count(*) from feedback')).rows[0].count);
      serverCpuBefore = cpuSeconds(server);
      databaseCpuBefore = await databaseCpuSeconds(db);
    },
  });
  const stored = Number((await db.query('select count(*) from feedback')).rows[0].count) - before;
  const serverCpuMs = ((cpuSeconds(server) - serverCpuBefore) * 1000) / stored;
  const databaseCpuAfter = await databaseCpuSeconds(db);
  const databaseCpuMs =
    databaseCpuBefore === null || databaseCpuAfter === null
      ? null
      : ((databaseCpuAfter - databaseCpuBefore) * 1000) / stored;
  const insertRows = 20_000;
  const insertStarted = performance.now();
  for (let batch = 0; batch < insertRows / 500; batch++) {
    const values: unknown[] = [];
    const tuples = Array.from({ length: 500 }, (_, i) => {
      values.push(
        customerRows[i % customerRows.length].id,
        8,
        'WEB',
        new Date(),
        `bench-insert-${batch}-${i}-${crypto.randomUUID()}`,
      );
      const o = i * 5;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, now())`;
    });
    await db.query(
      `insert into feedback (customer_id, nps, channel, submitted_at, idempotency_key, created_at) values ${tuples.join(',')}`,
      values,
    );
  }
  const insertRate = insertRows / ((performance.now() - insertStarted) / 1000);
  const submissions = stored / seconds;
  note('## 3. Feedback ingest: `submitFeedback` with 20 concurrent clients, 20% low scores\n');
  note('| path | rows/s | p50 | p99 |\n|---|---|---|---|');
  note(
    `| submitFeedback (validation, idempotency key; answers that arrive together are written together: one statement, or one transaction with the low answers' tickets, events and outbox rows) | ${submissions.toFixed(0)} | ${ms(ingest.p50)} | ${ms(ingest.p99)} |`,
  );
  note(`| plain multi-row INSERT, 500 rows a statement | ${insertRate.toFixed(0)} | | |`);
  note(
    `\nRatio: **${ratio(submissions, insertRate)}** of the plain INSERT's rows/s; target 2,000 submissions/s: **${submissions >= 2000 ? 'met' : 'not met'}** (${stored} stored, ${ingest.errors} non-2xx). The same server process delivers the low answers' alerts to the fake Slack meanwhile (its delivery worker polls every 50 ms), as \`npm start\` does. The API's own ceiling on this core is figure 1's \`{ __typename }\` rate (${typename.rps.toFixed(0)} req/s): ingest runs at ${ratio(submissions, typename.rps)} of it.\n`,
  );
  note(
    `CPU per stored submission: API process **${ms(serverCpuMs)}** (alert delivery included), PostgreSQL **${databaseCpuMs === null ? 'not readable here' : ms(databaseCpuMs)}** (its server processes for this database, from /proc). PostgreSQL's part is the insert, its indexes, the triggers that keep the customer's latest NPS and the analytics rollups in the same transaction (the price of figure 5), and for a low answer the ticket, its event and the outbox rows; statements, triggers and commits are paid once per batch of answers that arrived together (group commit, storeWithTickets), not once per answer.${databaseCpuMs === null ? '' : ` At that cost 2,000 submissions/s would need ${((2000 * databaseCpuMs) / 1000).toFixed(1)} cores for PostgreSQL alone, on a machine with ${cpus().length}.`}\n`,
  );

  // 3a. The same ingest against the peers, with no low answers and with one in five.
  const ingestIds = customerRows.map((row) => Number(row.id));
  // The batch lanes measured in the same run: the API as shipped (one batch at a time), and with four at once.
  const fourLanes = await startPinned(
    'server/main.ts',
    {
      DATABASE_URL: databaseUrl,
      PORT: '4505',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      CHURN_CHECK_MINUTES: '0',
      FEEDBACK_BATCH_LANES: '4',
    },
    'Stop with Ctrl-C',
  );
  const ingestRuns: { share: number; rows: Measured[] }[] = [];
  for (const share of [0, 0.2]) {
    ingestRuns.push({
      share,
      rows: await sideBySide(
        [
          {
            label: 'loyalty-loop submitFeedback',
            child: server,
            url: api,
            headers: auth,
            body: submitFeedbackBody(ingestIds, share),
          },
          {
            label: 'loyalty-loop, four batches at once (FEEDBACK_BATCH_LANES=4)',
            child: fourLanes,
            url: 'http://127.0.0.1:4505/graphql',
            headers: auth,
            body: submitFeedbackBody(ingestIds, share),
          },
          {
            label: 'PostGraphile v5 createFeedback',
            child: peers.postgraphile,
            url: peers.postgraphileUrl,
            body: createFeedbackBody(ingestIds, share),
            statements: peers.statements,
          },
          {
            label: 'hand-written INSERT … ON CONFLICT per request',
            child: peers.insert,
            url: peers.insertUrl,
            body: insertBody(ingestIds, share),
          },
        ],
        { rounds, seconds, connections: 20, db },
      ),
    });
  }
  await Promise.all([peers.stop(), stop(fourLanes)]);
  note(
    '### 3a. Ingest side by side: loyalty-loop (one batch at a time and four), PostGraphile v5 and a per-request INSERT\n',
  );
  note(
    `20 clients, each answer under a new idempotency key, medians of ${rounds} rounds, the four in turns. loyalty-loop validates, checks the token, writes the answers that arrive together in one statement (one transaction with the tickets, events and outbox rows when some are low), one batch at a time (FEEDBACK_BATCH_LANES=${defaultBatchLanes}; the second row writes four at once, in lanes by customer), and the shipped server posts the low ones' alerts to the fake Slack meanwhile; PostGraphile's \`createFeedback\` inserts one row per request with no check and no ticket (a retry with the same key is an error there); the hand-written server (bench/peers/insert-server.ts) sends one \`INSERT … ON CONFLICT (idempotency_key) DO NOTHING\` per request. The database’s triggers run for all of them.\n`,
  );
  for (const run of ingestRuns) {
    const [oursIngest, fourBatches, , insertPeer] = run.rows as [Measured, Measured, Measured, Measured];
    note(
      `**${run.share * 100}% low answers** (answers/s = req/s; ${run.rows.map((row) => `${row.label}: ${row.errors} errors`).join(', ')})\n`,
    );
    peerTable(note, run.rows, { 'hand-written INSERT … ON CONFLICT per request': 1 });
    note(
      `\nloyalty-loop: **${ratio(oursIngest.rps, insertPeer.rps)}** of the per-request INSERT's answers/s (target ≥ 2x: **${oursIngest.rps >= 2 * insertPeer.rps ? 'met' : 'not met'}**); four batches at once give ${ratio(fourBatches.rps, oursIngest.rps)} of one at a time (the default), with ${ratio(fourBatches.databaseCpuMs ?? Number.NaN, oursIngest.databaseCpuMs ?? Number.NaN)} of its PostgreSQL CPU per answer.\n`,
    );
  }

  await measureIngestUnderLock({
    api,
    databaseUrl,
    headers: auth,
    customers: customerRows.map((row, i) => ({ id: row.id, gid: customerIds[i] as string })),
    seconds,
    note,
  });

  // Bulk import vs COPY
  const importRows = 50_000;
  const csvPath = path.join('/tmp', `loyalty-bench-${process.pid}.csv`);
  const csv = Array.from(
    { length: importRows },
    (_, i) => `${customerRows[i % customerRows.length].id},${i % 11},WEB,2025-06-01T00:00:00Z,bench-copy-${i}`,
  ).join('\n');
  writeFileSync(csvPath, `${csv}\n`);
  await db.query(
    'create temp table feedback_copy (customer_id int, nps smallint, channel text, submitted_at timestamptz, idempotency_key text)',
  );
  const copyStarted = performance.now();
  await db.query(`copy feedback_copy from '${csvPath}' with (format csv)`);
  const copyRate = importRows / ((performance.now() - copyStarted) / 1000);
  const { importFeedbackBatch } = await import('../domain/feedback/feedback-import.ts');
  const orm = await MikroORM.init(ormConfig({ databaseUrl }));
  const importStarted = performance.now();
  for (let start = 0; start < importRows; start += 1000) {
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      customerId: customerRows[(start + i) % customerRows.length].id,
      nps: (start + i) % 11,
      channel: 'WEB' as const,
      submittedAt: '2025-06-01T00:00:00Z',
      idempotencyKey: `bench-import-${start + i}`,
    }));
    await importFeedbackBatch(orm.em.fork(), batch, start + 1);
  }
  const importRate = importRows / ((performance.now() - importStarted) / 1000);
  await orm.close(true);
  note('### Bulk import of history\n');
  note('| path | rows/s |\n|---|---|');
  note(
    `| \`npm run import:feedback\` path (validated batches of 1,000, multi-row INSERT … ON CONFLICT DO NOTHING) | ${importRate.toFixed(0)} |`,
  );
  note(`| COPY into a table without indexes or constraints | ${copyRate.toFixed(0)} |`);
  note(`\nRatio: **${ratio(importRate, copyRate)}** of COPY (${importRows.toLocaleString('en')} rows).\n`);

  // 4. Alert latency
  const alerts = 1000;
  await db.query(
    `insert into customer (team_id, name, preferred_channel, survey_consent, created_at, updated_at)
     select (select id from team where slack_channel_id is not null order by id limit 1), 'Bench customer ' || g, 'EMAIL', true, now(), now()
       from generate_series(1, $1) g`,
    [alerts],
  );
  const { rows: fresh } = await db.query(`select id from customer where name like 'Bench customer %' order by id`);
  const sentAt = new Map<string, number>();
  const queue = fresh.map((row) => Buffer.from(`Customer:${row.id}`).toString('base64'));
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let customerId = queue.shift(); customerId; customerId = queue.shift()) {
        const started = Date.now();
        const response = await fetch(api, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify({
            query:
              'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } } }',
            variables: { i: { customerId, nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
          }),
        });
        const body = (await response.json()) as any;
        sentAt.set(body.data.submitFeedback.ticket.id, started);
      }
    }),
  );
  const deadline = Date.now() + 60_000;
  const arrived = () =>
    slack
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          !c.args.thread_ts && sentAt.has(c.args.blocks?.find((b: any) => b.type === 'actions')?.elements[0].value),
      );
  while (arrived().length < alerts && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const latencies = arrived().map(
    (c) => c.at - (sentAt.get(c.args.blocks.find((b: any) => b.type === 'actions').elements[0].value) ?? c.at),
  );
  note('## 4. Alert latency: low-score `submitFeedback` to the (fake) Slack API receiving the alert\n');
  note(
    `${latencies.length} of ${alerts} alerts arrived (10 clients submitting; one in-process delivery worker polling every 50 ms).\n`,
  );
  note('| p50 | p99 | max |\n|---|---|---|');
  note(`| ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(Math.max(...latencies))} |`);
  note(`\nTarget p99 under 1 s: **${percentile(latencies, 99) < 1000 ? 'met' : 'not met'}**.\n`);

  await measureReport(serverUrl, note);
  writeAblation(ablation);
  // Last: a million more purchases would weigh on the figures above.
  const importOrm = await MikroORM.init(ormConfig({ databaseUrl }));
  try {
    await measurePurchaseImport({ db, orm: importOrm, rows: Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000), note });
  } finally {
    await importOrm.close(true);
  }
  await measureDashboard({ base: 'http://127.0.0.1:4500', builds: dashboardBuilds, note });
  note(readFileSync(path.join(import.meta.dirname, 'measured-choices.md'), 'utf8'));
  note('## Repeat\n');
  note(
    '```sh\nnpm run bench                      # BENCH_SECONDS=5 by default; DATABASE_URL picks the PostgreSQL server\n```',
  );
} finally {
  await db.end();
  await stopAll();
  await slack.close();
  writeFileSync(path.join(import.meta.dirname, '..', 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
}
