import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, inject } from 'vitest';
import { ormConfig } from '../../db/mikro-orm.config.ts';
import { recreateDatabase, templateDatabase, withDatabase } from './global-setup.ts';

/** The database of this test worker: a clone of the migrated template, fresh for each test file. */
export function workerDatabaseUrl(suffix = ''): { name: string; url: string } {
  const name = `loyalty_loop_test_${process.env.VITEST_POOL_ID ?? '1'}${suffix}`;
  return { name, url: withDatabase(inject('serverUrl'), name) };
}

export interface TestDatabase {
  orm: MikroORM;
  url: string;
  /** SQL statements the ORM has sent since the last reset, for statement-count tests. */
  statements: string[];
}

/** Gives the test file a freshly cloned, migrated database and an ORM on it. */
export function useTestDatabase(): TestDatabase {
  const db = { statements: [] as string[] } as TestDatabase;
  beforeAll(async () => {
    const { name, url } = workerDatabaseUrl();
    await recreateDatabase(inject('serverUrl'), name, templateDatabase);
    db.url = url;
    db.orm = await MikroORM.init({
      ...ormConfig({ databaseUrl: url }),
      debug: ['query'],
      logger: (message: string) => {
        if (message.includes('[query]')) db.statements.push(message);
      },
    });
  });
  afterAll(async () => {
    await db.orm?.close(true);
  });
  return db;
}
