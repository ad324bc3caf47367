import path from 'node:path';
import { DataloaderType } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import * as entities from './entities/index.ts';
import { answerByCallback } from './pool-callbacks.ts';

const here = import.meta.dirname;

export interface OrmSettings {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
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
    driverOptions: { options: '-c jit=off', onPoolCreated: answerByCallback },
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
