import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { describe, expect, it } from 'vitest';
import { operationHash } from '../../bots/operation-hash.ts';
import { createLogger } from '../../server/logger.ts';
import { loadOperationManifest } from '../../server/operation-manifest.ts';
import { type AppOptions, createApp } from '../../server/yoga.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();

/** An API process of its own (its own caches), on the shared database. */
function apiProcess(options: Partial<AppOptions> = {}) {
  return createApp({ orm: db.orm, logger: createLogger('silent'), ...options });
}

async function fixture() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  await makeCustomer(em, team);
  return { token: await makeToken(em) };
}

/** Apollo Client as a frontend sets it up: the persisted-query link in front of its HTTP link. */
function apollo(app: ReturnType<typeof createApp>, token: string, bodies: any[]) {
  const http = new HttpLink({
    uri: 'http://yoga/graphql',
    headers: { authorization: `Bearer ${token}` },
    fetch: async (url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return app.fetch(String(url), init as RequestInit);
    },
  });
  return new ApolloClient({
    link: new PersistedQueryLink({ sha256: operationHash }).concat(http),
    cache: new InMemoryCache(),
  });
}

const poster = (app: ReturnType<typeof createApp>, token: string) => async (body: Record<string, unknown>) => {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
};

const teamsQuery = gql`
  query TeamNames {
    teams {
      id
      name
    }
  }
`;

describe('automatic persisted queries, as Apollo Client sends them', () => {
  it('register on one process (hash, not found, hash with document) and then run by hash alone on another', async () => {
    const { token } = await fixture();
    const first: any[] = [];
    const registered = await apollo(apiProcess(), token, first).query({ query: teamsQuery });
    expect(first.map((body) => [Boolean(body.extensions?.persistedQuery), 'query' in body])).toEqual([
      [true, false],
      [true, true],
    ]);
    const second: any[] = [];
    const byHash = await apollo(apiProcess(), token, second).query({ query: teamsQuery });
    expect(second).toHaveLength(1);
    expect(second[0]).not.toHaveProperty('query');
    expect(byHash.data).toEqual(registered.data);
    expect((byHash.data as any).teams.length).toBeGreaterThan(0);
  });

  it('work the same for urql’s persisted exchange', async () => {
    const { token } = await fixture();
    const bodies: any[] = [];
    const client = new Client({
      url: 'http://yoga/graphql',
      fetchOptions: { headers: { authorization: `Bearer ${token}` } },
      preferGetMethod: false,
      exchanges: [cacheExchange, persistedExchange({ preferGetForPersistedQueries: false }), fetchExchange],
      fetch: async (url, init) => {
        bodies.push(JSON.parse(String(init?.body)));
        return apiProcess().fetch(String(url), init as RequestInit);
      },
    });
    const result = await client.query('query UrqlTeams { teams { id name } }', {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.teams.length).toBeGreaterThan(0);
    expect(bodies.map((body) => [Boolean(body.extensions?.persistedQuery), 'query' in body])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('refuse a hash that is not the document’s, and register nothing', async () => {
    const { token } = await fixture();
    const post = poster(apiProcess(), token);
    const query = 'query Sneaky { viewer { role } }';
    const answer = await post({
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: operationHash('x') } },
    });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    const later = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: operationHash('x') } } });
    expect(later.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('keep at most APQ_STORE_MAX documents, dropping the least recently used', async () => {
    const { token } = await fixture();
    await db.orm.em.getConnection().execute('delete from persisted_query');
    const post = poster(apiProcess({ apqStoreMax: 3 }), token);
    const documents = [1, 2, 3, 4, 5].map((n) => `query Kept${n} { viewer { role } }`);
    for (const query of documents) {
      const answer = await post({
        query,
        extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(query) } },
      });
      expect(answer.data).toEqual({ viewer: { role: 'ADMIN' } });
    }
    const rows: { hash: string }[] = await db.orm.em.getConnection().execute('select hash from persisted_query');
    expect(new Set(rows.map((row) => row.hash))).toEqual(
      new Set(documents.slice(2).map((document) => operationHash(document))),
    );
  });
});

describe('a frontend’s own manifest', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
  const listed = 'query ListedTeams { teams { name } }';
  const apolloFile = path.join(dir, 'persisted-query-manifest.json');
  writeFileSync(
    apolloFile,
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: operationHash(listed), name: 'ListedTeams', type: 'query', body: listed }],
    }),
  );
  const relayFile = path.join(dir, 'relay-persisted.json');
  writeFileSync(relayFile, JSON.stringify({ a1b2c3d4e5f6: 'query RelayViewer { viewer { role } }' }));

  it('restricts a persisted-only API to the manifest’s operations, by hash (Apollo) and by documentId (Relay)', async () => {
    const { token } = await fixture();
    const operationManifest = new Map([...loadOperationManifest(apolloFile), ...loadOperationManifest(relayFile)]);
    const post = poster(apiProcess({ persistedOperationsOnly: true, operationManifest }), token);
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(listed) } } });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data.teams.length).toBeGreaterThan(0);
    expect(await post({ documentId: 'a1b2c3d4e5f6' })).toMatchObject({
      status: 200,
      data: { viewer: { role: 'ADMIN' } },
    });

    const unlisted = 'query Unlisted { teams { id } }';
    for (const body of [
      { query: unlisted },
      { query: unlisted, extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(unlisted) } } },
    ]) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    }
    const unknownId = await post({ documentId: 'nope' });
    expect(unknownId.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('stops the start when a listed operation does not fit the schema, or the file is in neither format', () => {
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ x1: 'query Broken { noSuchField }' }));
    expect(() => apiProcess({ operationManifest: loadOperationManifest(broken) })).toThrow(/x1 is invalid/);
    writeFileSync(broken, JSON.stringify([1, 2]));
    expect(() => loadOperationManifest(broken)).toThrow(/not a JSON object/);
  });
});
