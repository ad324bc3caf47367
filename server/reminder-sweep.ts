import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { queueDueReminders } from '../domain/chat/outbox.ts';
import { startPeriodic } from './periodic.ts';

/**
 * Queues the reminders and escalations that have come due (deadlines pass without any write, so
 * only time can notice them). Every process may run it: the dedupe keys queue each one once.
 */
export function startReminderSweep(
  orm: MikroORM,
  options: { everySeconds: number; reminderLeadMinutes: number; logger: Logger },
) {
  return startPeriodic({
    name: 'reminder sweep',
    everyMs: options.everySeconds * 1000,
    logger: options.logger,
    round: () => queueDueReminders(orm.em.fork(), options.reminderLeadMinutes),
  });
}
