import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../db/mikro-orm.config.ts';
import type { Config } from './config.ts';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres.ts';

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL when none is set. `serving`: the
 * sessions get the request path's timeouts (a command, such as an import, runs without them).
 */
export async function openDatabase(
  config: Config,
  log: (message: string) => void,
  { serving = false } = {},
): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.EMBEDDED_PG_DIR,
      port: config.EMBEDDED_PG_PORT,
      database: 'loyalty_loop',
      log,
    });
    url = embedded.url;
  }
  try {
    const timeouts = serving
      ? {
          statementMs: config.DB_STATEMENT_TIMEOUT_MS,
          lockMs: config.DB_LOCK_TIMEOUT_MS,
          idleInTransactionMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
          acquireMs: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
        }
      : undefined;
    const orm = await MikroORM.init(ormConfig({ databaseUrl: url, poolMax: config.DATABASE_POOL_MAX, timeouts }));
    return {
      orm,
      url,
      embedded: embedded !== undefined,
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
