import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `npm run dashboard:build` writes the dashboard (not committed). */
export const dashboardDist = path.resolve(import.meta.dirname, '../dashboard/dist');

const types: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/**
 * The page may load only its own files and talk only to this API (GraphQL over HTTP and
 * WebSocket); uPlot sizes its canvas through style attributes, hence 'unsafe-inline' for styles.
 */
const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const notBuilt: Handler = (_request, response) => {
  response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' });
  response.end('The dashboard is not built: run `npm run dashboard:build` (npm start does), then reload.\n');
};

/**
 * The dashboard's routes for the HTTP door: `/` (and `/index.html`), `/app.js`, `/app.css`, read
 * from the build once at start. In development the demo token is written into the page so that
 * its sign-in form is pre-filled; it is never there in production (no token is given then).
 */
export function dashboardRoutes({
  demoToken = null as string | null,
  dist = dashboardDist,
} = {}): Record<string, Handler> {
  const names = Object.keys(types);
  if (!names.every((name) => existsSync(path.join(dist, name)))) {
    return { '/': notBuilt, '/index.html': notBuilt };
  }
  const assets = new Map<string, Asset>();
  for (const name of names) {
    let body = readFileSync(path.join(dist, name));
    if (name === 'index.html' && demoToken) {
      const meta = `<meta name="loyalty-demo-token" content="${demoToken.replace(/[^\w.-]/g, '')}" />`;
      body = Buffer.from(body.toString('utf8').replace('</head>', `  ${meta}\n  </head>`));
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(name, { body, gzip: gzipSync(body, { level: 9 }), etag });
  }
  const serve =
    (name: string): Handler =>
    (request, response) => {
      const asset = assets.get(name)!;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' });
        return void response.end();
      }
      const headers: Record<string, string> = {
        'content-type': types[name]!,
        etag: asset.etag,
        // Revalidated on every load (the names carry no hash): a new build is seen at once.
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (name === 'index.html') headers['content-security-policy'] = contentSecurityPolicy;
      if (request.headers['if-none-match'] === asset.etag) {
        response.writeHead(304, headers);
        return void response.end();
      }
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      const body = gzip ? asset.gzip : asset.body;
      if (gzip) headers['content-encoding'] = 'gzip';
      headers['content-length'] = String(body.length);
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    };
  return {
    '/': serve('index.html'),
    '/index.html': serve('index.html'),
    '/app.js': serve('app.js'),
    '/app.css': serve('app.css'),
  };
}
