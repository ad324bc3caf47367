import { request } from 'node:http';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAdminToken } from '../../db/seeders/demo-token.ts';
import { workerDatabaseUrl } from '../support/database.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

const servers: ServerProcess[] = [];
afterAll(() => {
  for (const server of servers) server.kill();
});

/**
 * One POST on a connection of its own, as a load balancer forwards it. `undefined` when the
 * process never took the request (connection refused or reset before any answer).
 */
function send(base: string, body: string): Promise<{ status: number; json: any } | undefined> {
  return new Promise((resolve) => {
    const req = request(
      `${base}/graphql`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${demoAdminToken}`,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
        res.on('error', () => resolve(undefined));
      },
    );
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

const submit = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
  __typename ... on SubmitFeedbackResult { feedback { id } } ... on Error { code message } } }`;

describe('rolling restart', () => {
  it('restarts two processes one after the other under load: every request answered, none failed, each stored once', async () => {
    const a = await startServer('_rolling');
    const b = await startServer('_rolling', {}, { fresh: false });
    servers.push(a, b);
    const backends = [a.base, b.base];
    const listed = await send(a.base, JSON.stringify({ query: '{ customers(first: 50) { nodes { id } } }' }));
    const customers: string[] = listed!.json.data.customers.nodes.map((n: { id: string }) => n.id);

    const answers: { status: number; typename: string }[] = [];
    const keys: string[] = [];
    let retries = 0;
    let sending = true;
    /** A client behind a load balancer: round robin, and a request no process took goes to the next. */
    const client = async (lane: number) => {
      for (let i = 0; sending && i < 400; i++) {
        const key = `rolling-${lane}-${i}-${crypto.randomUUID()}`;
        keys.push(key);
        const body = JSON.stringify({
          query: submit,
          variables: {
            input: {
              customerId: customers[(lane * 7 + i) % customers.length],
              nps: 8,
              channel: 'WEB',
              idempotencyKey: key,
            },
          },
        });
        for (let attempt = 0; ; attempt++) {
          const answer = await send(backends[(lane + i + attempt) % backends.length]!, body);
          if (answer) {
            answers.push({ status: answer.status, typename: answer.json.data?.submitFeedback?.__typename ?? 'none' });
            break;
          }
          retries++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, lane) => client(lane)));

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await a.stop('SIGTERM')).toBe(0);
    const a2 = await startServer('_rolling', {}, { fresh: false });
    servers.push(a2);
    backends[0] = a2.base;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await b.stop('SIGTERM')).toBe(0);
    const b2 = await startServer('_rolling', {}, { fresh: false });
    servers.push(b2);
    backends[1] = b2.base;
    await new Promise((resolve) => setTimeout(resolve, 300));
    sending = false;
    await load;

    expect(answers.length).toBe(keys.length);
    expect(answers.filter((x) => x.status !== 200 || x.typename !== 'SubmitFeedbackResult')).toEqual([]);
    const database = new pg.Client({ connectionString: workerDatabaseUrl('_rolling').url });
    await database.connect();
    try {
      const { rows } = await database.query(
        'select count(*)::int as stored, count(distinct idempotency_key)::int as distinct_keys from feedback where idempotency_key = any($1)',
        [keys],
      );
      expect(rows[0]).toEqual({ stored: keys.length, distinct_keys: keys.length });
    } finally {
      await database.end();
    }
    // The load ran through both restarts: requests the stopped processes no longer took went elsewhere.
    expect(answers.length).toBeGreaterThan(200);
    expect(retries).toBeGreaterThan(0);
  });
});
