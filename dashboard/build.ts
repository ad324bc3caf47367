import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { operationHash } from '../bots/operation-hash.ts';
import { ticketActions } from '../bots/operations.ts';
import { dashboardDist } from '../server/dashboard.ts';
import { frontendOperations } from './operations.ts';

const here = import.meta.dirname;

/** What the build wrote: each file's size, plain and gzip-compressed as the server sends it. */
export interface DashboardBuild {
  milliseconds: number;
  files: { name: string; bytes: number; gzipBytes: number }[];
}

/** Each operation's persisted id by its name: the browser sends the id, never the document. */
function operationIds(): Record<string, string> {
  const documents = [...Object.values(frontendOperations), ...Object.values(ticketActions)];
  return Object.fromEntries(
    documents.map((document) => {
      const name = document.match(/^(?:query|mutation|subscription)\s+(\w+)/)?.[1];
      if (!name) throw new Error(`an operation without a name: ${document.slice(0, 60)}`);
      return [name, operationHash(document)];
    }),
  );
}

/**
 * Bundles the dashboard into dashboard/dist: index.html, app.js and app.css (with uPlot's
 * stylesheet), minified. The server compresses them once at start (the page gets the demo token
 * written in first), so the build only measures their gzip size. Nothing is loaded from
 * elsewhere, so the page works offline.
 */
export async function buildDashboard(): Promise<DashboardBuild> {
  const started = performance.now();
  await rm(dashboardDist, { recursive: true, force: true });
  await mkdir(dashboardDist, { recursive: true });
  await build({
    entryPoints: { app: path.join(here, 'src/main.tsx') },
    outdir: dashboardDist,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      __OPERATION_IDS__: JSON.stringify(operationIds()),
      'process.env.NODE_ENV': '"production"',
    },
  });
  await writeFile(path.join(dashboardDist, 'index.html'), await readFile(path.join(here, 'index.html')));
  const files = [];
  for (const name of ['index.html', 'app.js', 'app.css']) {
    const content = await readFile(path.join(dashboardDist, name));
    files.push({ name, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
  }
  return { milliseconds: Math.round(performance.now() - started), files };
}

if (import.meta.main) {
  const { milliseconds, files } = await buildDashboard();
  const total = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  console.log(
    `dashboard built in ${milliseconds} ms: ${files.map((f) => `${f.name} ${f.bytes} B`).join(', ')} (${total} B gzip)`,
  );
}
