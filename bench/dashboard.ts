// The dashboard's weight and first load, for BENCHMARKS.md (npm run bench): how long the build
// takes, what the page costs to download, and how long a cold browser takes from navigation to the
// overview drawn with its figures, on the demo data.
import { chromium } from 'playwright-core';
import { buildDashboard, type DashboardBuild } from '../dashboard/build.ts';
import { demoAdminToken } from '../db/seeders/demo-token.ts';
import { chromiumPath } from '../test/support/browser.ts';
import { percentile } from './measure.ts';

const median = (values: number[]) => percentile(values, 50);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Builds the dashboard `times` times (the server serves the last build): each build's time and sizes. */
export async function buildTimes(times = 3): Promise<DashboardBuild[]> {
  const builds: DashboardBuild[] = [];
  for (let i = 0; i < times; i++) builds.push(await buildDashboard());
  return builds;
}

interface FirstLoad {
  /** Navigation start to the overview's last chart drawn with data. */
  readyMs: number;
  domContentLoadedMs: number;
  /** Bytes over the wire (compressed as sent) for the page's own files, and for its API calls. */
  staticBytes: number;
  apiBytes: number;
  requests: number;
}

async function firstLoad(base: string): Promise<FirstLoad> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    // A cold cache each time: a new context, signed in as a returning visitor of this tab would be.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    await context.addInitScript((token) => sessionStorage.setItem('loyalty-loop.token', token), demoAdminToken);
    const page = await context.newPage();
    const sizes: Promise<{ api: boolean; bytes: number }>[] = [];
    page.on('requestfinished', (request) =>
      sizes.push(request.sizes().then((s) => ({ api: request.url().includes('/graphql'), bytes: s.responseBodySize }))),
    );
    await page.goto(`${base}/`);
    await page.locator('#categories').waitFor();
    await page.locator('#ticket-hours canvas').waitFor();
    const { readyMs, domContentLoadedMs } = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return { readyMs: performance.now(), domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? 0 };
    });
    const all = await Promise.all(sizes);
    await context.close();
    return {
      readyMs,
      domContentLoadedMs,
      staticBytes: all.filter((s) => !s.api).reduce((sum, s) => sum + s.bytes, 0),
      apiBytes: all.filter((s) => s.api).reduce((sum, s) => sum + s.bytes, 0),
      requests: all.length,
    };
  } finally {
    await browser.close();
  }
}

/** Writes the dashboard's section: build time and size from `builds`, first loads against the server at `base`. */
export async function measureDashboard({
  base,
  builds,
  note,
  loads = 5,
}: {
  base: string;
  builds: DashboardBuild[];
  note: (line: string) => void;
  loads?: number;
}) {
  const runs: FirstLoad[] = [];
  for (let i = 0; i < loads; i++) runs.push(await firstLoad(base));
  const last = builds.at(-1)!;
  note('## 8. The dashboard: build, page weight and first load\n');
  note(
    `Built by \`npm run dashboard:build\` (esbuild, minified): **${median(builds.map((b) => b.milliseconds))} ms** (median of ${builds.length}; every build's: ${builds.map((b) => b.milliseconds).join(', ')} ms). \`npm start\` builds before it starts.\n`,
  );
  note('| file | size | gzip (as sent) |\n|---|---|---|');
  for (const file of last.files) note(`| ${file.name} | ${kb(file.bytes)} | ${kb(file.gzipBytes)} |`);
  const total = last.files.reduce((sum, file) => sum + file.gzipBytes, 0);
  note(`| **page** | ${kb(last.files.reduce((sum, file) => sum + file.bytes, 0))} | **${kb(total)}** |\n`);
  note(
    `First load on the demo data, cold cache, headless Chromium on core 1 against the API on core 0, signed in, to the overview's twelve months drawn (9 charts, the recovery paradox and the loyalty categories), median of ${loads}:\n`,
  );
  note('| measure | median | every load |\n|---|---|---|');
  const row = (label: string, values: number[], format: (v: number) => string) =>
    note(`| ${label} | ${format(median(values))} | ${values.map(format).join(', ')} |`);
  row(
    'DOMContentLoaded',
    runs.map((r) => r.domContentLoadedMs),
    (v) => `${Math.round(v)} ms`,
  );
  row(
    'overview drawn with its figures',
    runs.map((r) => r.readyMs),
    (v) => `${Math.round(v)} ms`,
  );
  row(
    'page files over the wire',
    runs.map((r) => r.staticBytes),
    kb,
  );
  row(
    'API answers over the wire',
    runs.map((r) => r.apiBytes),
    kb,
  );
  row(
    'requests',
    runs.map((r) => r.requests),
    (v) => String(v),
  );
  note(
    '\nThe page is index.html, app.js (Preact, uPlot, urql, graphql-ws and the dashboard) and app.css, from the API itself: no CDN, no font, no image. Its queries are persisted: it sends ids, never documents.\n',
  );
}
