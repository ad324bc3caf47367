/** The loyalty figures' arithmetic, as pure functions. Every figure with no data is null, never 0. */

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export function npsAnswers({ promoters, passives, detractors }: NpsCounts): number {
  return promoters + passives + detractors;
}

/** NPS = % promoters − % detractors, from −100 to 100; null without answers. */
export function netPromoterScore(counts: NpsCounts): number | null {
  const n = npsAnswers(counts);
  return n === 0 ? null : (100 * (counts.promoters - counts.detractors)) / n;
}

/** Below this many answers an NPS has no margin of error (null): the normal approximation fails. */
export const npsMarginMinAnswers = 30;

/**
 * The 95% margin of error of an NPS, in NPS points: each answer scores +1, 0 or −1, so the
 * variance is p(promoter) + p(detractor) − NPS², and the margin 1.96 × √(variance / n) × 100.
 * Null below npsMarginMinAnswers answers: with a handful of answers that approximation says
 * nothing (five promoters would give a margin of 0), and a band drawn from it would mislead.
 */
export function npsMarginOfError(counts: NpsCounts): number | null {
  const n = npsAnswers(counts);
  if (n < npsMarginMinAnswers) return null;
  const pp = counts.promoters / n;
  const pd = counts.detractors / n;
  const variance = pp + pd - (pp - pd) ** 2;
  return 1.96 * Math.sqrt(variance / n) * 100;
}

/** part / whole, or null when the whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Retention = (customers at period end − new customers) / customers at period start; null without a start base. */
export function retentionRate(atStart: number, atEnd: number, newCustomers: number): number | null {
  return ratio(atEnd - newCustomers, atStart);
}

/** The years over which a customer is expected to stay: the CLV's lifespan assumption. */
export const clvLifespanYears = 3;

/**
 * Customer lifetime value = average order value × purchases per year × expected lifespan in years
 * (revenue-based, not margin-based: the product does not know margins). Null without purchases.
 */
export function customerLifetimeValue(
  averageOrderValue: number | null,
  purchasesPerYear: number,
  lifespanYears = clvLifespanYears,
): number | null {
  return averageOrderValue === null ? null : averageOrderValue * purchasesPerYear * lifespanYears;
}

/** Each part of the engagement index, 0-1: how recently, how often, and how willingly a customer answers. */
export interface EngagementParts {
  recency: number;
  frequency: number;
  participation: number;
}

/** The weights of the engagement index: behaviour (recency, frequency) counts four times as much as answering. */
export const engagementWeights = { recency: 0.4, frequency: 0.4, participation: 0.2 } as const;
/** Full marks: a purchase a month and four answers a year. */
export const engagementTargets = { purchasesPerYear: 12, answersPerYear: 4, recencyDays: 365 } as const;

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** Engagement index 0-100 = 100 × (0.4 recency + 0.4 frequency + 0.2 participation), each part clamped to 0-1. */
export function engagementIndex(parts: EngagementParts): number {
  const { recency, frequency, participation } = engagementWeights;
  return Math.round(
    100 *
      (recency * clamp(parts.recency) +
        frequency * clamp(parts.frequency) +
        participation * clamp(parts.participation)),
  );
}

/** A customer's engagement parts: recency falls linearly to 0 over a year; frequency and participation against the targets. */
export function customerEngagement(input: {
  daysSinceLastPurchase: number | null;
  purchasesLastYear: number;
  answersLastYear: number;
}): EngagementParts {
  return {
    recency:
      input.daysSinceLastPurchase === null ? 0 : clamp(1 - input.daysSinceLastPurchase / engagementTargets.recencyDays),
    frequency: clamp(input.purchasesLastYear / engagementTargets.purchasesPerYear),
    participation: clamp(input.answersLastYear / engagementTargets.answersPerYear),
  };
}

export type TrendDirection = 'RISING' | 'FALLING' | 'STABLE';

/**
 * Where answers are heading: the latest against the mean of the earlier ones; a change smaller than
 * `step` (1 NPS point, half a point on 1-5 scales) is STABLE. Null with fewer than two answers.
 */
export function trendDirection(values: number[], step: number): TrendDirection | null {
  if (values.length < 2) return null;
  const earlier = values.slice(0, -1);
  const change = (values.at(-1) as number) - earlier.reduce((a, b) => a + b, 0) / earlier.length;
  return change >= step ? 'RISING' : change <= -step ? 'FALLING' : 'STABLE';
}
