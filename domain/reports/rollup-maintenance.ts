import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Folds the per-session rows of past days in feedback_day into one row per team and day (see the
 * FeedbackDayShards migration), so that reports read about one row per team-day however many
 * sessions wrote it. Safe at any time and from any process: the rows move in one statement.
 */
export async function compactFeedbackDays(em: EntityManager): Promise<void> {
  await em.getConnection().execute('select compact_feedback_days()', [], 'run');
}
