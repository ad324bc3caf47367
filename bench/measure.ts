import autocannon from 'autocannon';

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

/** Runs autocannon against one URL for `seconds` after a warm-up (bounded in time; 127.0.0.1 only). */
export async function load(options: {
  url: string;
  seconds: number;
  connections: number;
  body?: () => string;
  headers?: Record<string, string>;
  warmupSeconds?: number;
  /** Called between the warm-up and the measured run. */
  beforeMeasuring?: () => Promise<void>;
}): Promise<Load> {
  if (!new URL(options.url).hostname.startsWith('127.')) throw new Error('benchmarks only load 127.0.0.1');
  const run = (duration: number) =>
    autocannon({
      url: options.url,
      connections: options.connections,
      duration,
      method: options.body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', ...options.headers },
      requests: options.body
        ? [{ setupRequest: (request: any) => ({ ...request, body: options.body!() }) }]
        : undefined,
    });
  // A fresh process runs its first seconds unoptimised (V8 compiles hot code as it goes): not measured.
  await run(options.warmupSeconds ?? 2);
  await options.beforeMeasuring?.();
  const result = await run(options.seconds);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
