import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { workerDatabaseUrl } from '../support/database.ts';
import { eventually } from '../support/fake-slack.ts';
import { graphqlAt, type ServerProcess, startServer } from '../support/server-process.ts';

const servers: ServerProcess[] = [];
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.resume();
    server.kill();
  }
  await Promise.all(clients.map((client) => client.end().catch(() => {})));
});

const graphql = graphqlAt;

const submit = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
  __typename ... on SubmitFeedbackResult { replayed } ... on Error { code } } }`;
const answer = (customerId: string, nps: number, key = crypto.randomUUID()) => ({
  input: { customerId, nps, channel: 'WEB', idempotencyKey: key },
});

describe('a paused API process', () => {
  it('holding a customer’s lock does not stop another process ingesting; that customer gets a retryable error until the session is ended', async () => {
    // A waits long for locks (so that it can be caught holding one) and has its idle transactions
    // ended after 8 s; B, the healthy process, waits at most 500 ms for a lock.
    const a = await startServer('_paused', { DB_LOCK_TIMEOUT_MS: '60000', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '8000' });
    const b = await startServer('_paused', { DB_LOCK_TIMEOUT_MS: '500' }, { fresh: false });
    servers.push(a, b);
    const { json } = await graphql(b.base, '{ customers(first: 40) { nodes { id } } }');
    const [held, other, ...healthy] = json.data.customers.nodes.map((n: { id: string }) => n.id as string);
    const database = new pg.Client({ connectionString: workerDatabaseUrl('_paused').url });
    await database.connect();
    clients.push(database);
    const idOf = (gid: string) => Number(Buffer.from(gid, 'base64').toString().split(':')[1]);

    // Catch A inside a transaction that holds `held`: another session has an uncommitted answer
    // with the key A's low answer uses, so A's insert waits on it, with the customer locked.
    const key = crypto.randomUUID();
    await database.query('begin');
    await database.query(
      `insert into feedback (customer_id, nps, channel, submitted_at, idempotency_key, created_at)
       values ($1, 9, 'WEB', now(), $2, now())`,
      [idOf(other!), key],
    );
    const pending = graphql(a.base, submit, answer(held!, 1, key)).catch(() => undefined);
    // pg_stat_activity is a snapshot per transaction: look from outside the open one.
    const observer = new pg.Client({ connectionString: workerDatabaseUrl('_paused').url });
    await observer.connect();
    clients.push(observer);
    const stateOf = async (pid: number) =>
      (await observer.query('select state from pg_stat_activity where pid = $1', [pid])).rows[0]?.state as
        | string
        | undefined;
    const pid = await eventually(
      async () =>
        (
          await observer.query(
            "select pid from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
          )
        ).rows[0]?.pid as number | undefined,
    );
    a.pause();
    await database.query('rollback'); // A's statement finishes in PostgreSQL; A, frozen, never commits
    await eventually(async () => (await stateOf(pid)) === 'idle in transaction');

    // B keeps ingesting, at once, for everyone else...
    const results = await Promise.all(healthy.map((customer: string) => graphql(b.base, submit, answer(customer, 8))));
    expect(results.map((r) => r.json.data.submitFeedback.__typename)).toEqual(
      healthy.map(() => 'SubmitFeedbackResult'),
    );
    // ...and the held customer's answer gets a retryable error, not a hang.
    const heldKey = crypto.randomUUID();
    const refused = await graphql(b.base, submit, answer(held!, 7, heldKey));
    expect(refused.status).toBe(503);
    expect(refused.json.errors?.[0].extensions).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(await stateOf(pid)).toBe('idle in transaction'); // all of that while A still held the lock

    // PostgreSQL ends A's idle transaction after 8 s: the retry goes through.
    await eventually(async () => (await stateOf(pid)) === undefined, 20_000);
    const retried = await graphql(b.base, submit, answer(held!, 7, heldKey));
    expect(retried.json.data.submitFeedback).toEqual({ __typename: 'SubmitFeedbackResult', replayed: false });
    a.resume();
    await pending;
  });
});
