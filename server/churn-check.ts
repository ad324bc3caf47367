import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { sweepChurn, type WinBackPolicy } from '../domain/tickets/win-back.ts';
import { startPeriodic } from './periodic.ts';

/**
 * Re-evaluates churn risks in the background: stopped purchases raise a risk without any write, so
 * only time can notice them. Every process may run it; the per-customer row lock in evaluateChurn
 * keeps two processes from opening the same win-back. A round takes batches until none is due.
 */
export function startChurnCheck(
  orm: MikroORM,
  options: { everyMinutes: number; policy: WinBackPolicy; logger: Logger },
) {
  const batch = 500;
  return startPeriodic({
    name: 'churn check',
    everyMs: options.everyMinutes * 60_000,
    firstAfterMs: 5_000,
    logger: options.logger,
    async round(stopped) {
      let opened = 0;
      for (;;) {
        const result = await sweepChurn(orm.em.fork(), options.policy, batch);
        opened += result.opened.length;
        if (stopped() || result.evaluated < batch) break;
      }
      if (opened) options.logger.info({ opened }, 'win-back tickets opened');
    },
  });
}
