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

/**
 * The 95% margin of error of an NPS, in NPS points: each answer scores +1, 0 or −1, so the
 * variance is p(promoter) + p(detractor) − NPS², and the margin 1.96 × √(variance / n) × 100.
 */
export function npsMarginOfError(counts: NpsCounts): number | null {
  const n = npsAnswers(counts);
  if (n === 0) return null;
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
