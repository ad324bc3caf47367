import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const cores = Number(process.env.BENCH_CORES ?? 2);
const running = new Set<ChildProcess>();

/**
 * Starts a server as a child process, pinned to core 0 with taskset where the machine has two or
 * more cores (the load generator runs on core 1), and waits until it prints `marker`.
 */
export async function startPinned(script: string, env: Record<string, string>, marker: string): Promise<ChildProcess> {
  const command = cores >= 2 ? 'taskset' : process.execPath;
  const args = cores >= 2 ? ['-c', '0', process.execPath, script] : [script];
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  for await (const chunk of child.stdout!) {
    output += chunk;
    if (output.includes(marker)) {
      running.add(child);
      child.once('exit', () => running.delete(child));
      return child;
    }
  }
  throw new Error(`${script} exited before it was ready:\n${output}`);
}

/** Stops every server still running (after a bench that failed half-way, so no port stays taken). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stop));
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux): steadier than req/s on
 * a shared machine, because time the process waits for the CPU is not counted.
 */
export function cpuSeconds(child: ChildProcess): number {
  return processCpuSeconds(child.pid!);
}

function processCpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name's closing parenthesis.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds the database's server processes serving `database` have used so far, read from /proc
 * when PostgreSQL runs on this machine (the bench's default); null where it cannot be read.
 */
export async function databaseCpuSeconds(db: pg.Client): Promise<number | null> {
  const byPid = await databaseCpuByProcess(db);
  return byPid && [...byPid.values()].reduce((sum, seconds) => sum + seconds, 0);
}

/**
 * The same per server process, so that a span can be measured across processes that start or end
 * in it (a pool that opens or closes a connection): see databaseCpuSince.
 */
export async function databaseCpuByProcess(db: pg.Client): Promise<Map<number, number> | null> {
  const { rows } = await db.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  const byPid = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      byPid.set(pid, processCpuSeconds(pid));
    } catch {
      // Not on this machine (a remote PostgreSQL), or gone since the query.
    }
  }
  return rows.length && !byPid.size ? null : byPid;
}

/** CPU seconds the database's processes used since `before` (processes that ended meanwhile are not counted). */
export async function databaseCpuSince(db: pg.Client, before: Map<number, number> | null): Promise<number | null> {
  const after = await databaseCpuByProcess(db);
  if (!before || !after) return null;
  return [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);
}
