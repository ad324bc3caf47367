export type Granularity = 'MONTH' | 'QUARTER';

/** How many periods the overview shows. */
export const periodCount: Record<Granularity, number> = { MONTH: 12, QUARTER: 8 };

/**
 * The overview's range in the browser's time zone: from local midnight on the first day of the
 * earliest period to now (the API counts the current period whole).
 */
export function reportRange(granularity: Granularity, now = new Date()) {
  const monthsBack = granularity === 'MONTH' ? periodCount.MONTH - 1 : (periodCount.QUARTER - 1) * 3;
  const firstMonth = granularity === 'MONTH' ? now.getMonth() : Math.floor(now.getMonth() / 3) * 3;
  const from = new Date(now.getFullYear(), firstMonth - monthsBack, 1);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    granularity,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
