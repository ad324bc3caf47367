import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { sweepChurn, type WinBackPolicy } from '../domain/tickets/win-back.ts';

/**
 * Re-evaluates churn risks in the background: stopped purchases raise a risk without any write, so
 * only time can notice them. Every process may run it; the per-customer row lock in evaluateChurn
 * keeps two processes from opening the same win-back. A round takes batches until none is due.
 */
export function startChurnCheck(
  orm: MikroORM,
  options: { everyMinutes: number; policy: WinBackPolicy; logger: Logger },
): { stop(): Promise<void> } {
  if (options.everyMinutes === 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    const batch = 500;
    try {
      let opened = 0;
      for (;;) {
        const result = await sweepChurn(orm.em.fork(), options.policy, batch);
        opened += result.opened.length;
        if (stopped || result.evaluated < batch) break;
      }
      if (opened) options.logger.info({ opened }, 'win-back tickets opened');
    } catch (error) {
      options.logger.error({ err: { type: (error as Error).name } }, 'churn check failed');
    }
  };
  const tick = () => {
    running ??= round().finally(() => {
      running = null;
    });
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, options.everyMinutes * 60_000);
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
