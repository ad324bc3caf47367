import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { inject } from 'vitest';
import { demoAdminToken } from '../../db/seeders/demo-token.ts';
import { workerDatabaseUrl } from './database.ts';
import { recreateDatabase } from './global-setup.ts';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs `node server/main.ts` as `npm start` does, on a fresh empty database of this worker (or the
 * one an earlier call made, with `fresh: false`), and
 * waits for its banner. `base` is the server's address; `stop()` sends Ctrl-C and gives the exit code.
 */
export async function startServer(databaseSuffix: string, env: Record<string, string> = {}, { fresh = true } = {}) {
  const { name, url: databaseUrl } = workerDatabaseUrl(databaseSuffix);
  if (fresh) await recreateDatabase(inject('serverUrl'), name);
  const child: ChildProcess = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      // Win-backs opened by the background churn check would be alerts no test asked for.
      CHURN_CHECK_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  for await (const chunk of child.stdout!) {
    output += chunk;
    if (output.includes('Stop with Ctrl-C')) break;
  }
  const match = output.match(/GraphiQL: (http:\/\/\S+)\/graphql/);
  if (!match) {
    child.kill('SIGKILL');
    throw new Error(`the server exited before it was ready:\n${output}`);
  }
  return {
    base: match[1]!.replace('localhost', '127.0.0.1'),
    output,
    async stop(signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
    kill: () => child.kill('SIGKILL'),
    /** Freezes the process (SIGSTOP), as a paused VM or a long GC pause does; `resume` undoes it. */
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    pid: child.pid as number,
  };
}

export type ServerProcess = Awaited<ReturnType<typeof startServer>>;

/** A GraphQL request to a server process, as the demo admin. */
export async function graphqlAt(base: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demoAdminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, json: (await response.json()) as { data: any; errors?: any[] } };
}
