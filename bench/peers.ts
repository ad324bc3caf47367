// Figure 1 of npm run bench: this API side by side with what a team would run instead over the
// same tables (PostGraphile v5, amber preset, no authorization) and with hand-written node:http +
// pg servers doing the same work, at two data sizes. Every server runs pinned to core 0 and is
// loaded in turns, round after round, so that a slow spell of the machine falls on all of them.
import type { ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { load, percentile } from './measure.ts';
import {
  assertSameRows,
  ourList,
  ourRows,
  postgraphileList,
  postgraphileRows,
  rawRows,
} from './peers/list-equivalence.ts';
import { cpuSeconds, databaseCpuByProcess, databaseCpuSince, startPinned, stop } from './processes.ts';

const median = (values: number[]) => percentile(values, 50);

/** One server in a comparison: how to reach it and what to send. */
export interface Contender {
  label: string;
  child: ChildProcess;
  url: string;
  headers?: Record<string, string>;
  body?: () => string;
  /** Statements it has sent to PostgreSQL so far, where it can say (PostGraphile's stats port). */
  statements?: () => Promise<number>;
}

export interface Measured {
  label: string;
  rps: number;
  p99: number;
  serverCpuMs: number;
  databaseCpuMs: number | null;
  statementsPerRequest: number | null;
  rounds: number[];
  errors: number;
}

/** Loads each contender in turn for `rounds` rounds; medians of req/s, p99 and CPU per request. */
export async function sideBySide(
  contenders: Contender[],
  { rounds, seconds, connections, db }: { rounds: number; seconds: number; connections: number; db: pg.Client },
): Promise<Measured[]> {
  const runs = contenders.map(
    () =>
      [] as {
        rps: number;
        p99: number;
        cpu: number;
        dbCpu: number | null;
        statements: number | null;
        errors: number;
      }[],
  );
  for (let round = 0; round < rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      let cpuBefore = 0;
      let dbBefore: Map<number, number> | null = null;
      let statementsBefore: number | null = null;
      const result = await load({
        url: contender.url,
        seconds,
        connections,
        headers: contender.headers,
        body: contender.body,
        beforeMeasuring: async () => {
          cpuBefore = cpuSeconds(contender.child);
          dbBefore = await databaseCpuByProcess(db);
          statementsBefore = contender.statements ? await contender.statements() : null;
        },
      });
      const dbSeconds = await databaseCpuSince(db, dbBefore);
      const statementsAfter = contender.statements ? await contender.statements() : null;
      runs[index]!.push({
        rps: result.rps,
        p99: result.p99,
        cpu: ((cpuSeconds(contender.child) - cpuBefore) * 1000) / result.requests,
        dbCpu: dbSeconds === null ? null : (dbSeconds * 1000) / result.requests,
        statements:
          statementsBefore === null || statementsAfter === null
            ? null
            : (statementsAfter - statementsBefore) / result.requests,
        errors: result.errors,
      });
    }
  }
  return contenders.map((contender, index) => {
    const r = runs[index]!;
    const dbCpu = r.map((x) => x.dbCpu);
    const statements = r.map((x) => x.statements);
    return {
      label: contender.label,
      rps: median(r.map((x) => x.rps)),
      p99: median(r.map((x) => x.p99)),
      serverCpuMs: median(r.map((x) => x.cpu)),
      databaseCpuMs: dbCpu.includes(null) ? null : median(dbCpu as number[]),
      statementsPerRequest: statements.includes(null) ? null : median(statements as number[]),
      rounds: r.map((x) => x.rps),
      errors: r.reduce((sum, x) => sum + x.errors, 0),
    };
  });
}

/** The three servers of one database: this API (already running), PostGraphile and the hand-written ones. */
export async function startPeers(databaseUrl: string, ports: { postgraphile: number; raw: number; insert: number }) {
  const postgraphile = await startPinned(
    'bench/peers/postgraphile-server.ts',
    {
      DATABASE_URL: databaseUrl,
      PORT: String(ports.postgraphile),
      STATS_PORT: String(ports.postgraphile + 100),
      GRAPHILE_ENV: 'production',
    },
    'ready',
  );
  const raw = await startPinned(
    'bench/peers/raw-list-server.ts',
    { DATABASE_URL: databaseUrl, PORT: String(ports.raw) },
    'ready',
  );
  const insert = await startPinned(
    'bench/peers/insert-server.ts',
    { DATABASE_URL: databaseUrl, PORT: String(ports.insert) },
    'ready',
  );
  return {
    postgraphile,
    raw,
    insert,
    postgraphileUrl: `http://127.0.0.1:${ports.postgraphile}/graphql`,
    rawUrl: `http://127.0.0.1:${ports.raw}/`,
    insertUrl: `http://127.0.0.1:${ports.insert}/`,
    statements: async () => Number(await (await fetch(`http://127.0.0.1:${ports.postgraphile + 100}/`)).text()),
    /** The last long statement PostGraphile sent (after a list load: the list's), with its values. */
    lastStatement: async () =>
      (await (await fetch(`http://127.0.0.1:${ports.postgraphile + 100}/last`)).json()) as {
        text: string;
        values: unknown[];
      },
    stop: () => Promise.all([stop(postgraphile), stop(raw), stop(insert)]),
  };
}

export type Peers = Awaited<ReturnType<typeof startPeers>>;

/** Asks the three servers for the main list and checks, before anything is measured, that they answer alike. */
export async function checkListEquivalence(api: string, auth: Record<string, string>, peers: Peers) {
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as any;
    if (json.errors) throw new Error(`${url}: ${JSON.stringify(json.errors)}`);
    return json;
  };
  const ours = await post(api, ourList, auth);
  const peer = await post(peers.postgraphileUrl, { query: postgraphileList });
  const raw = await (await fetch(peers.rawUrl)).json();
  return assertSameRows(ourRows(ours), postgraphileRows(peer), rawRows(raw));
}

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const cpu = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)} ms`);
const statements = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1));

/** The comparison as a table: one row per server. */
export function peerTable(
  note: (line: string) => void,
  rows: Measured[],
  fixedStatements: Record<string, number> = {},
) {
  note(
    '| server | req/s | p99 | server CPU / request | PostgreSQL CPU / request | statements / request | every round’s req/s |',
  );
  note('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    note(
      `| ${row.label} | ${row.rps.toFixed(0)} | ${row.p99.toFixed(0)} ms | ${cpu(row.serverCpuMs)} | ${cpu(row.databaseCpuMs)} | ${statements(fixedStatements[row.label] ?? row.statementsPerRequest)} | ${row.rounds.map((r) => r.toFixed(0)).join(', ')} |`,
    );
  }
}

/** Customers for an ingest load, in each server's own form of id. */
export async function customerIds(db: pg.Client) {
  const { rows } = await db.query<{ id: number }>('select id from customer where erased_at is null order by id');
  return rows.map((row) => row.id);
}

/** An answer, low (0-6) with the given probability, else 7-10, under a fresh idempotency key. */
export function answer(ids: number[], lowShare: number) {
  return {
    id: ids[Math.floor(Math.random() * ids.length)]!,
    nps: Math.random() < lowShare ? Math.floor(Math.random() * 7) : 7 + Math.floor(Math.random() * 4),
    idempotencyKey: crypto.randomUUID(),
  };
}

export const submitFeedbackBody = (ids: number[], lowShare: number) => () => {
  const a = answer(ids, lowShare);
  return JSON.stringify({
    query: 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }',
    variables: {
      i: {
        customerId: Buffer.from(`Customer:${a.id}`).toString('base64'),
        nps: a.nps,
        channel: 'WEB',
        idempotencyKey: a.idempotencyKey,
      },
    },
  });
};

export const createFeedbackBody = (ids: number[], lowShare: number) => () => {
  const a = answer(ids, lowShare);
  const now = new Date().toISOString();
  return JSON.stringify({
    query: 'mutation($i: CreateFeedbackInput!) { createFeedback(input: $i) { clientMutationId } }',
    variables: {
      i: {
        feedback: {
          customerId: a.id,
          nps: a.nps,
          channel: 'WEB',
          submittedAt: now,
          createdAt: now,
          idempotencyKey: a.idempotencyKey,
        },
      },
    },
  });
};

export const insertBody = (ids: number[], lowShare: number) => () => {
  const a = answer(ids, lowShare);
  return JSON.stringify({ customerId: a.id, nps: a.nps, idempotencyKey: a.idempotencyKey });
};
