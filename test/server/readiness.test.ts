import { MikroORM } from '@mikro-orm/postgresql';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { ormConfig } from '../../db/mikro-orm.config.ts';
import { createLogger } from '../../server/logger.ts';
import { useReadiness } from '../../server/readiness.ts';
import { createApp } from '../../server/yoga.ts';
import { useTestDatabase } from '../support/database.ts';

const db = useTestDatabase();

describe('/readyz', () => {
  it('answers 200 while the database answers, 503 when it does not', async () => {
    const ready = await createApp({ orm: db.orm, logger: createLogger('silent') }).fetch('http://yoga/readyz');
    expect(ready.status).toBe(200);
    // Nothing listens on port 1: the pool cannot connect.
    const nowhere = await MikroORM.init(ormConfig({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' }));
    try {
      const down = await createApp({ orm: nowhere, logger: createLogger('silent') }).fetch('http://yoga/readyz');
      expect(down.status).toBe(503);
      expect(await down.text()).toBe('not ready');
    } finally {
      await nowhere.close(true);
    }
  });

  it('answers 503 while the process drains for a shutdown, and /healthz still 200', async () => {
    let draining = false;
    const app = createApp({ orm: db.orm, logger: createLogger('silent'), draining: () => draining });
    expect((await app.fetch('http://yoga/readyz')).status).toBe(200);
    draining = true;
    expect((await app.fetch('http://yoga/readyz')).status).toBe(503);
    expect((await app.fetch('http://yoga/healthz')).status).toBe(200);
  });

  it('answers 503 when the check throws, and leaves every other path to GraphQL', async () => {
    const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    const throwing = createYoga({
      schema,
      plugins: [
        useReadiness('/readyz', async () => {
          throw new Error('connection refused');
        }),
      ],
    });
    expect((await throwing.fetch('http://yoga/readyz')).status).toBe(503);
    const query = await throwing.fetch('http://yoga/graphql?query=%7Bok%7D');
    expect(await query.json()).toEqual({ data: { ok: true } });
  });
});
