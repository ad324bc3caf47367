import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../db/mikro-orm.config.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';
import { eventually } from '../support/fake-slack.ts';

const db = useTestDatabase();
const timeouts = { statementMs: 5_000, lockMs: 500, idleInTransactionMs: 5_000, acquireMs: 300 };
let orm: MikroORM;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  // The API as it serves: its sessions with the request path's timeouts, and a small pool.
  orm = await MikroORM.init(ormConfig({ databaseUrl: db.url, poolMax: 3, timeouts }));
  app = createApp({ orm, logger: createLogger('silent') });
});
afterAll(() => orm.close(true));

const submit = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
  __typename ... on SubmitFeedbackResult { replayed feedback { id } } ... on Error { code } } }`;

async function post(token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as any,
  };
}

describe('no stuck party stalls the API', () => {
  it('answers other customers while one customer is locked, and the locked one with a retryable error', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const locked = await makeCustomer(em, team);
    const others = await Promise.all(Array.from({ length: 20 }, () => makeCustomer(em, team)));
    const token = await makeToken(em);
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    const answer = (customerId: number, key = crypto.randomUUID()) => ({
      input: { customerId: gid('Customer', customerId), nps: 8, channel: 'WEB', idempotencyKey: key },
    });
    try {
      // A long transaction elsewhere (a report, an operator's psql, a paused process) holds one customer.
      await holder.query('begin');
      await holder.query('select 1 from customer where id = $1 for update', [locked.id]);
      const key = crypto.randomUUID();
      const blocked = post(token, submit, answer(locked.id, key));
      const flowing = await Promise.all(others.map((customer) => post(token, submit, answer(customer.id))));
      // All twenty are stored while the lock is still held...
      expect(flowing.map((r) => r.body.data.submitFeedback.__typename)).toEqual(
        others.map(() => 'SubmitFeedbackResult'),
      );
      // ...and the locked customer's answer gets a retryable error once the lock timeout has passed.
      const refused = await blocked;
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toBe('1');
      expect(refused.body.errors[0].extensions).toMatchObject({
        code: 'TIMEOUT',
        retryable: true,
        retryAfterSeconds: 1,
      });
      await holder.query('rollback');
      // Once the lock goes, the same answer (same key) is stored, once.
      const retried = await post(token, submit, answer(locked.id, key));
      expect(retried.body.data.submitFeedback).toMatchObject({ __typename: 'SubmitFeedbackResult', replayed: false });
    } finally {
      await holder.end();
    }
  });

  it('answers a clear, retryable error within the acquisition timeout when the pool is exhausted', async () => {
    const token = await makeToken(db.orm.em.fork());
    // Every connection of the API's pool busy with a slow statement.
    const busy = Array.from({ length: 3 }, () => orm.em.getConnection().execute('select pg_sleep(4)'));
    await eventually(async () => {
      const rows = await db.orm.em
        .getConnection()
        .execute(
          "select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(4)' and state = 'active'",
        );
      return rows[0]?.n === 3;
    });
    const started = performance.now();
    const refused = await post(token, '{ teams { id } }');
    const waited = performance.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.body.errors[0]).toMatchObject({ extensions: { code: 'TIMEOUT', retryable: true } });
    expect(refused.body.errors[0].message).toMatch(/busy/);
    // Answered while the pool was still full, not after the slow statements let go of it.
    expect(await Promise.race([Promise.all(busy).then(() => 'freed'), Promise.resolve('still busy')])).toBe(
      'still busy',
    );
    expect(waited).toBeGreaterThanOrEqual(timeouts.acquireMs - 50);
    await Promise.all(busy);
  });
});
