import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { forgetOldInteractions } from '../domain/chat/interactions.ts';
import { compactFeedbackDays } from '../domain/reports/rollup-maintenance.ts';
import { startPeriodic } from './periodic.ts';

/**
 * Hourly housekeeping, safe in every process at once: forget chat interactions older than a day
 * (no platform redelivers one that late) and fold past days' rollup shards together.
 */
export function startMaintenance(orm: MikroORM, logger: Logger) {
  return startPeriodic({
    name: 'maintenance',
    everyMs: 3_600_000,
    firstAfterMs: 60_000,
    logger,
    async round() {
      await forgetOldInteractions(orm.em.fork());
      await compactFeedbackDays(orm.em.fork());
    },
  });
}
