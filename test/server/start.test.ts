import { afterAll, describe, expect, it } from 'vitest';
import { demoAdminToken } from '../../db/seeders/demo-token.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

let server: ServerProcess | undefined;

afterAll(() => server?.kill());

describe('npm start', () => {
  it('migrates and seeds an empty database, serves GraphiQL and the demo data, and stops cleanly on Ctrl-C', async () => {
    server = await startServer('_start');
    const { output } = server;
    const url = `${server.base}/graphql`;
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

    expect(await server.stop()).toBe(0);
  });
});
