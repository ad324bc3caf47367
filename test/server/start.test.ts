import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { demoAdminToken } from '../../db/seeders/demo-token.ts';
import { workerDatabaseUrl } from '../support/database.ts';
import { recreateDatabase } from '../support/global-setup.ts';

const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
});

/** Starts `node server/main.ts` as `npm start` does, on an empty database, and waits for its banner. */
async function start(databaseUrl: string) {
  child = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  for await (const chunk of child.stdout!) {
    output += chunk;
    const match = output.match(/GraphiQL: (http:\/\/\S+)/);
    if (match && output.includes('Stop with Ctrl-C'))
      return { url: match[1]!.replace('localhost', '127.0.0.1'), output };
  }
  throw new Error(`the server exited before it was ready:\n${output}`);
}

describe('npm start', () => {
  it('migrates and seeds an empty database, serves GraphiQL and the demo data, and stops cleanly on Ctrl-C', async () => {
    const { name, url: databaseUrl } = workerDatabaseUrl('_start');
    await recreateDatabase(inject('serverUrl'), name);
    const { url, output } = await start(databaseUrl);
    expect(output).toContain('demo data seeded');
    expect(output).toContain(`Demo API token: ${demoAdminToken}`);

    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demoAdminToken}` },
      body: JSON.stringify({
        query: `{ teams { name } customers(first: 10) { totalCount nodes { name latestFeedback { nps submittedAt } } }
                  tickets(first: 100) { nodes { status } } }`,
      }),
    });
    const { data } = (await response.json()) as any;
    expect(data.teams).toHaveLength(3);
    expect(data.customers.totalCount).toBe(200);
    expect(data.customers.nodes).toHaveLength(10);
    expect(data.customers.nodes.filter((c: any) => c.latestFeedback).length).toBeGreaterThan(5);
    const statuses = new Set(data.tickets.nodes.map((t: { status: string }) => t.status));
    expect(statuses).toEqual(new Set(['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED']));

    child!.kill('SIGINT');
    const [code] = await once(child!, 'exit');
    expect(code).toBe(0);
  });
});
