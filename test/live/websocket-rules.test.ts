import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { Repeater } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { frontendOperations } from '../../dashboard/operations.ts';
import type { LiveEvent } from '../../domain/live/live-event.ts';
import { attachGraphQLWebSocket } from '../../server/graphql-ws.ts';
import { createHttpServer } from '../../server/http-server.ts';
import { limits } from '../../server/limits.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** A live feed that never speaks: subscriptions stay open until they are ended. */
const silentFeed = { events: () => new Repeater<LiveEvent>(async (_push, stop) => void (await stop)) };

async function serveSockets(persistedOperationsOnly: boolean) {
  const app = createApp({ orm: db.orm, logger: createLogger('silent'), persistedOperationsOnly, live: silentFeed });
  const server = createHttpServer(app);
  const sockets = attachGraphQLWebSocket(server, app, { corsOrigins: ['https://app.example.com'] });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    await sockets.close();
    server.close();
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

function client(url: string, token: string, headers: Record<string, string> = {}) {
  const made = createClient({
    url,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  closers.push(() => made.dispose());
  return made;
}

const first = async (iterable: AsyncIterable<unknown>) => {
  try {
    for await (const result of iterable) return result;
  } catch (error) {
    return { thrown: error };
  }
};

describe('the WebSocket transport keeps the HTTP rules', () => {
  it('runs only listed operations when the API is persisted-only', async () => {
    const token = await makeToken(db.orm.em.fork());
    const url = await serveSockets(true);
    const ws = client(url, token);
    const unlisted = (await first(ws.iterate({ query: 'query Unlisted { viewer { role } }' }))) as any;
    expect(unlisted.thrown?.[0]?.extensions?.code ?? unlisted.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_ONLY',
    );
    const listed = (await first(
      ws.iterate({
        query: frontendOperations.loyaltyDashboard,
        variables: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      }),
    )) as any;
    expect(listed.errors).toBeUndefined();
    expect(listed.data.loyaltyReport).toHaveLength(1);
  });

  it(`allows ${limits.maxOperationsPerSocket} operations at once on one connection, refuses an origin outside CORS_ORIGINS but its own`, async () => {
    const token = await makeToken(db.orm.em.fork());
    const url = await serveSockets(false);
    const ws = client(url, token);
    const running = Array.from({ length: limits.maxOperationsPerSocket }, () =>
      ws.iterate({ query: 'subscription { feedbackReceived { id } }' })[Symbol.asyncIterator](),
    );
    // Start them all (each sends its subscribe message when first asked for a result).
    const pending = running.map((iterator) => iterator.next());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const over = (await first(ws.iterate({ query: 'subscription { feedbackReceived { id } }' }))) as any;
    expect(over.thrown?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    for (const iterator of running) await iterator.return?.();
    await Promise.allSettled(pending);

    const foreign = client(url, token, { origin: 'https://evil.example.net' });
    const refused = (await first(foreign.iterate({ query: '{ viewer { role } }' }))) as any;
    expect(refused.thrown).toBeDefined();
    const allowed = client(url, token, { origin: 'https://app.example.com' });
    expect(((await first(allowed.iterate({ query: '{ viewer { role } }' }))) as any).data).toEqual({
      viewer: { role: 'ADMIN' },
    });
    // The API's own pages (the dashboard) come from its own origin, listed or not.
    const own = client(url, token, { origin: `http://${new URL(url).host}` });
    expect(((await first(own.iterate({ query: '{ viewer { role } }' }))) as any).data).toEqual({
      viewer: { role: 'ADMIN' },
    });
    // A foreign page cannot pass for it by naming the host in a path.
    const lookalike = client(url, token, { origin: `https://evil.example.net/${new URL(url).host}` });
    expect(((await first(lookalike.iterate({ query: '{ viewer { role } }' }))) as any).thrown).toBeDefined();
  });
});
