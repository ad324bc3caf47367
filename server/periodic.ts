import type { Logger } from 'pino';

/**
 * Runs `round` in the background every `everyMs` (first after `firstAfterMs`), never two rounds
 * at once: a round still running when the next is due makes that one wait its turn instead. A
 * failed round is logged and the next one runs as planned. `stop` waits for a running round.
 */
export function startPeriodic(options: {
  name: string;
  everyMs: number;
  firstAfterMs?: number;
  round: (stopped: () => boolean) => Promise<void>;
  logger: Logger;
}): { stop(): Promise<void> } {
  if (options.everyMs <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    running ??= options
      .round(() => stopped)
      .catch((error) => options.logger.error({ err: { type: (error as Error).name } }, `${options.name} failed`))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, options.firstAfterMs ?? options.everyMs);
  const timer = setInterval(tick, options.everyMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
