import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../server/http-server.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const allowed = 'https://app.example.com';
const servers: { close(): void }[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

async function serve(rateLimitPerMinute = 0) {
  const app = createApp({ orm: db.orm, logger: createLogger('silent'), corsOrigins: [allowed], rateLimitPerMinute });
  const server = createHttpServer(app, {}, { corsOrigins: [allowed], maxBodyBytes: 1_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const query = (url: string, headers: Record<string, string>, body = JSON.stringify({ query: '{ __typename }' })) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('browser access (CORS from an allowlist)', () => {
  it('answers an allowed origin’s preflight, and tells nothing to another origin', async () => {
    const url = await serve();
    const preflight = (origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight(allowed);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(ok.headers.get('access-control-max-age')).toBe('600');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('puts CORS headers on the answers a browser app must read: 200, 401, 411, 413 and 429', async () => {
    const token = await makeToken(db.orm.em.fork());
    const url = await serve(1);
    const origin = { origin: allowed };
    const ok = await query(url, { ...origin, authorization: `Bearer ${token}` });
    const limited = await query(url, { ...origin, authorization: `Bearer ${token}` });
    const unauthenticated = await query(url, origin);
    const tooLarge = await query(url, origin, JSON.stringify({ query: `{ ${'__typename '.repeat(200)} }` }));
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      body: new Blob(['{}']).stream(),
      duplex: 'half',
    } as RequestInit);
    expect([ok, limited, unauthenticated, tooLarge, chunked].map((r) => r.status)).toEqual([200, 429, 401, 413, 411]);
    for (const response of [ok, limited, unauthenticated, tooLarge, chunked]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    }
    expect(limited.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('errors a shared client handler can rely on', () => {
  it('give every error a code; a bad variable keeps its name and location and answers 400', async () => {
    const em = db.orm.em.fork();
    await makeCustomer(em, await makeTeam(em));
    const token = await makeToken(em);
    const url = await serve();
    const auth = { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' };
    const call = async (body: unknown, headers: Record<string, string> = auth) => {
      const response = await query(url, headers, JSON.stringify(body));
      return { status: response.status, ...((await response.json()) as { errors: any[] }) };
    };
    const variable = await call({
      query: 'query Q($n: Int) { customers(first: $n) { totalCount } }',
      variables: { n: 'ten' },
    });
    expect(variable.status).toBe(400);
    expect(variable.errors[0]).toMatchObject({
      message: expect.stringContaining('Variable "$n" got invalid value "ten"'),
      locations: [{ line: 1, column: 9 }],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const badId = await call({ query: '{ node(id: "garbage") { id } }' });
    expect(badId.errors[0]).toMatchObject({ path: ['node'], extensions: { code: 'VALIDATION_FAILED' } });
    const nested = await call({ query: '{ customers(first: 1) { nodes { tickets(first: 500) { totalCount } } } }' });
    expect(nested.errors[0]).toMatchObject({
      path: ['customers', 'nodes', 0, 'tickets'],
      extensions: { code: 'VALIDATION_FAILED', field: 'first' },
    });
    const csrf = await fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    expect(csrf.status).toBe(403);
    expect(((await csrf.json()) as any).errors[0].extensions.code).toBe('CSRF_HEADER_MISSING');
    expect(nested.errors[0].extensions.constraint).toEqual({ min: 0, max: 100 });
    expect((await call({ query: '{ nosuch }' })).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await call({ query: '{ nosuch ' })).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('say the limit a value broke as data', async () => {
    const em = db.orm.em.fork();
    const customer = await makeCustomer(em, await makeTeam(em));
    const token = await makeToken(em);
    const submit = async (fields: Record<string, unknown>) => {
      const { data } = await apiClient(db)(
        token,
        `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) {
          ... on ValidationError { code field constraint { min max minLength maxLength } } } }`,
        {
          i: {
            customerId: gid('Customer', customer.id),
            channel: 'WEB',
            idempotencyKey: crypto.randomUUID(),
            ...fields,
          },
        },
      );
      return data.submitFeedback;
    };
    expect(await submit({ nps: 11 })).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'input.nps',
      constraint: { min: null, max: 10, minLength: null, maxLength: null },
    });
    expect((await submit({ nps: 5, comment: 'x'.repeat(5001) })).constraint).toMatchObject({ maxLength: 5000 });
  });
});
