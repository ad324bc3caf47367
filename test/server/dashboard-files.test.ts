import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../../server/dashboard.ts';
import { createHttpServer } from '../../server/http-server.ts';

const servers: ReturnType<typeof createHttpServer>[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

async function serve(routes: ReturnType<typeof dashboardRoutes>) {
  const server = createHttpServer((_request, response) => {
    response.writeHead(404);
    response.end();
  }, routes);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function builtFiles() {
  const dist = await mkdtemp(path.join(tmpdir(), 'dashboard-dist-'));
  await mkdir(dist, { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  await writeFile(path.join(dist, 'app.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
  await writeFile(path.join(dist, 'app.css'), 'body { color: black; }');
  return dist;
}

describe('the dashboard files, served by the HTTP door', () => {
  it('sends the page with its security policy, compressed when accepted, revalidated by ETag', async () => {
    const base = await serve(dashboardRoutes({ dist: await builtFiles() }));
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).not.toContain('loyalty-demo-token');

    const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve) => {
      import('node:http').then(({ get }) =>
        get(`${base}/app.js`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        }),
      );
    });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(Number(raw.headers['content-length'])).toBeLessThan(1000);
    expect(gunzipSync(raw.body).toString()).toContain('console.log');

    const etag = page.headers.get('etag')!;
    const again = await fetch(`${base}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/app.css`, { method: 'POST', body: 'x' })).status).toBe(405);
    // Everything else is the API's.
    expect((await fetch(`${base}/app.map`)).status).toBe(404);
  });

  it('writes the demo token into the page only when given one (development), and nothing else', async () => {
    const base = await serve(dashboardRoutes({ dist: await builtFiles(), demoToken: 'll_demo_admin_token"><script>' }));
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('<meta name="loyalty-demo-token" content="ll_demo_admin_tokenscript" />');
    expect(html).not.toContain('<script>');
  });

  it('says how to build the dashboard when it is not built, and serves the rest of the API as before', async () => {
    const base = await serve(dashboardRoutes({ dist: path.join(tmpdir(), 'no-such-dashboard') }));
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run dashboard:build');
    expect((await fetch(`${base}/app.js`)).status).toBe(404);
  });
});
