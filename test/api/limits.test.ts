import { type AddressInfo, connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../server/http-server.ts';
import { limits } from '../../server/limits.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeToken } from '../support/factories.ts';

const db = useTestDatabase();

async function post(app: ReturnType<typeof createApp>, token: string, query: string) {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: unknown }[] },
  };
}

// The frontend's main list: allowed alone (about half the cost limit), refused three times over.
const mainList = `customers(first: 50) { nodes { id team { name } figures { purchaseCount } latestFeedback { nps }
  tickets(first: 5) { nodes { status assignee { name } events(first: 3) { nodes { type actor { name } } } } } } }`;

const nest = (depth: number) =>
  `{ customers { nodes { ${'team { members { team { '.repeat(depth / 3)}name${' } } }'.repeat(depth / 3)} } } }`;

describe('limits on hostile queries', () => {
  const app = () => createApp({ orm: db.orm, logger: createLogger('silent') });

  it.each([
    ['too deep', nest(15), /depth/i],
    [
      'too many aliases',
      `{ ${Array.from({ length: limits.maxAliases + 1 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`,
      /alias/i,
    ],
    ['too many tokens', `{ viewer { ${'role '.repeat(limits.maxTokens)} } }`, /token/i],
    ['too costly', `{ ${Array.from({ length: 3 }, (_, i) => `l${i}: ${mainList}`).join(' ')} }`, /cost/i],
    [
      'too many directives',
      `{ viewer { role ${'@include(if: true) '.repeat(limits.maxDirectives + 1)} } }`,
      /directive/i,
    ],
  ])('refuses a query that is %s, executing nothing', async (_name, query, message) => {
    const token = await makeToken(db.orm.em.fork());
    const { body } = await post(app(), token, query);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(message);
    expect([body.errors?.[0]?.message, body.errors?.[0]?.extensions]).toMatchObject([
      expect.any(String),
      { code: 'LIMIT_EXCEEDED' },
    ]);
  });

  it('answers a legitimate deep page of the frontend’s main list', async () => {
    const token = await makeToken(db.orm.em.fork());
    const { body } = await post(app(), token, `{ ${mainList} }`);
    expect(body.errors).toBeUndefined();
  });

  it('turns introspection off in production', async () => {
    const token = await makeToken(db.orm.em.fork());
    const production = createApp({ orm: db.orm, logger: createLogger('silent'), production: true });
    const { body } = await post(production, token, '{ __schema { types { name } } }');
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await post(app(), token, '{ __schema { queryType { name } } }')).body.data.__schema.queryType.name).toBe(
      'Query',
    );
  });

  it('refuses a GET without the CSRF header, so a page elsewhere cannot fire one', async () => {
    const token = await makeToken(db.orm.em.fork());
    const url = `http://yoga/graphql?query=${encodeURIComponent('{ viewer { role } }')}`;
    const plain = await app().fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(plain.status).toBe(403);
    const withHeader = await app().fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
  });

  it('limits requests per token per minute with 429 and Retry-After', async () => {
    const [first, second] = [await makeToken(db.orm.em.fork()), await makeToken(db.orm.em.fork())];
    const limited = createApp({ orm: db.orm, logger: createLogger('silent'), rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(limited, first, '{ viewer { role } }')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const response = await limited.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(limited, second, '{ viewer { role } }')).status).toBe(200);
  });

  it('never throttles the bots running in this process (their secret), whatever the limit', async () => {
    const limited = createApp({
      orm: db.orm,
      logger: createLogger('silent'),
      rateLimitPerMinute: 2,
      internalBotSecret: 'internal-secret',
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(limited, 'internal-secret', '{ viewer { role } }')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });

  it('refuses bodies over the size limit (413) and bodies of unknown length (411) at the door', async () => {
    const server = createHttpServer(createApp({ orm: db.orm, logger: createLogger('silent') }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      const big = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ viewer { role } } #${'x'.repeat(limits.maxBodyBytes)}` }),
      });
      expect(big.status).toBe(413);
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"query":"{ viewer { role } }"}'));
          controller.close();
        },
      });
      const chunked = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(411);
    } finally {
      server.close();
    }
  });

  it('answers a half-sent request with 408 after the header timeout, and refuses connections over the cap', async () => {
    const bounds = { headersTimeoutMs: 300, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 1_000, maxConnections: 2 };
    const server = createHttpServer(createApp({ orm: db.orm, logger: createLogger('silent') }), {}, { bounds });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    /** A client that connects, sends `text`, and reports what it got back before the server closed it. */
    const client = (text: string) =>
      new Promise<string>((resolve) => {
        let answer = '';
        const socket = connect(port, '127.0.0.1', () => socket.write(text));
        socket.on('data', (chunk) => {
          answer += chunk;
        });
        socket.on('close', () => resolve(answer));
        socket.on('error', () => {});
      });
    try {
      // Headers that never end, as a slow or malicious client sends them.
      const slow = client('POST /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      expect(await slow).toMatch(/^HTTP\/1\.1 408/);
      const held = [client('GET /healthz HTTP/1.1\r\nHost: x\r\n'), client('GET /healthz HTTP/1.1\r\nHost: x\r\n')];
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await client('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n')).toBe(''); // the third: dropped unanswered
      await Promise.all(held);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
