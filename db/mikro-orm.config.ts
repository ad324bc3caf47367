import path from 'node:path';
import { DataloaderType } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import * as entities from './entities/index.ts';
import { answerByCallback } from './pool-callbacks.ts';

const here = import.meta.dirname;

/**
 * Bounds on every wait towards PostgreSQL, for a process that serves requests: without them one
 * stuck party (a long transaction, a paused process holding a lock, an exhausted pool) holds
 * every request that meets it for as long as it likes.
 */
export interface SessionTimeouts {
  /** Longest statement (reports raise it for their own transaction). */
  statementMs: number;
  /** Longest wait for a row lock. */
  lockMs: number;
  /** A session left idle inside a transaction (a paused or hung process) is ended after this. */
  idleInTransactionMs: number;
  /** Longest wait for a connection from the pool. */
  acquireMs: number;
}

export interface OrmSettings {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
  /** Commands (migrations, imports, seeding) run without them. */
  timeouts?: SessionTimeouts;
}

function sessionOptions(timeouts: SessionTimeouts | undefined): string {
  const options = ['-c jit=off'];
  if (timeouts) {
    options.push(
      `-c statement_timeout=${timeouts.statementMs}`,
      `-c lock_timeout=${timeouts.lockMs}`,
      `-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
    );
  }
  return options.join(' ');
}

/** The one MikroORM configuration; callers pass the connection details they parsed. */
export function ormConfig(settings: OrmSettings): Options {
  return defineConfig({
    clientUrl: settings.databaseUrl,
    entities: Object.values(entities),
    extensions: [Migrator, SeedManager],
    // Batches reference and collection loads made during one request into single queries.
    dataloader: DataloaderType.ALL,
    pool: { min: 0, max: settings.poolMax ?? 10 },
    // JIT compilation costs more than it saves on queries of this size (the report's queries are
    // short analytic scans, each planned fresh), so sessions start with it off.
    // onPoolCreated: answerByCallback, for the garbage collector's sake.
    driverOptions: {
      options: sessionOptions(settings.timeouts),
      ...(settings.timeouts && { connectionTimeoutMillis: settings.timeouts.acquireMs }),
      onPoolCreated: answerByCallback,
    },
    debug: settings.debug ?? false,
    // With it on, MikroORM 7 defines accessors on every loaded entity for every property (to notice
    // changes before a query and auto-flush them), a large share of a list's CPU. Off,
    // changes are still found at flush by comparing with the loaded snapshot; services flush (or
    // commit their transaction) before they query what they changed, and the one inverse collection
    // (Customer.tickets) serves only $some/$none filters, so there is nothing to propagate to.
    propagationOnPrototype: false,
    // The analytics rollups' triggers and functions are hand-written SQL in their migration
    // (statement-level triggers over transition tables); the schema diff must leave them alone.
    schemaGenerator: { ignoreTriggers: true, ignoreRoutines: true },
    preferTs: true,
    migrations: {
      path: path.join(here, 'migrations'),
      pathTs: path.join(here, 'migrations'),
      snapshotName: '.snapshot',
      silent: true,
      emit: 'ts',
    },
    seeder: {
      path: path.join(here, 'seeders'),
      pathTs: path.join(here, 'seeders'),
      defaultSeeder: 'DatabaseSeeder',
    },
  });
}
