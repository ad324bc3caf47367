import { type LoyaltyFacts, summarize } from './loyalty-facts.ts';

export const churnDrivers = [
  'FALLING_SCORES',
  'FALLING_PURCHASE_FREQUENCY',
  'DETRACTOR_STOPPED_BUYING',
  'UNRESOLVED_TICKETS',
] as const;
export type ChurnDriverKind = (typeof churnDrivers)[number];

export interface ChurnDriver {
  kind: ChurnDriverKind;
  /** Points this driver adds to the score. */
  points: number;
  /** The facts, in English; `facts` holds the same as figures, for a UI in another language. */
  explanation: string;
  facts: Record<string, number | null>;
}

export interface ChurnRisk {
  /** 0-100: the sum of the drivers' points, capped at 100. */
  score: number;
  level: 'LOW' | 'MEDIUM' | 'HIGH';
  drivers: ChurnDriver[];
}

/** Most points each driver can add; documented in the API. */
export const churnWeights = {
  fallingNps: 30,
  fallingKeepBuying: 10,
  fallingFrequency: 35,
  detractorStoppedBuying: 20,
  perUnresolvedTicket: 10,
  unresolvedTickets: 20,
  overdueTicket: 5,
} as const;

const w = churnWeights;

/**
 * Churn risk 0-100 from four drivers, each measured against the customer's own past:
 * - falling scores: latest NPS below the mean of their earlier answers of the year (7.5 points per NPS
 *   point, at most 30), latest "keep buying" below its earlier mean (5 per point, at most 10);
 * - falling purchase frequency: purchases in the last 90 days against their rate in the year before
 *   (needs 2+ purchases in that year): 35 × the share of the usual rate that is missing;
 * - a detractor (latest NPS 0-6) who bought before but not in the last 90 days: 20;
 * - unresolved recovery tickets: 10 each (at most 20), 5 more when one is overdue.
 * LOW below 30, MEDIUM below 60, HIGH from 60.
 */
export function churnRisk(facts: LoyaltyFacts): ChurnRisk {
  const s = summarize(facts);
  const drivers: ChurnDriver[] = [];
  const scoreDrops: string[] = [];
  const scoreFacts: Record<string, number | null> = {};
  let scorePoints = 0;
  if (s.latestNps !== null && s.earlierNpsMean !== null && s.latestNps < s.earlierNpsMean) {
    const drop = s.earlierNpsMean - s.latestNps;
    scorePoints += Math.min(w.fallingNps, drop * 7.5);
    scoreDrops.push(`NPS ${s.latestNps} after an average of ${s.earlierNpsMean.toFixed(1)}`);
    Object.assign(scoreFacts, { latestNps: s.latestNps, earlierNpsMean: s.earlierNpsMean });
  }
  if (s.latestKeepBuying !== null && s.earlierKeepBuyingMean !== null && s.latestKeepBuying < s.earlierKeepBuyingMean) {
    const drop = s.earlierKeepBuyingMean - s.latestKeepBuying;
    scorePoints += Math.min(w.fallingKeepBuying, drop * 5);
    scoreDrops.push(`"keep buying" ${s.latestKeepBuying}/5 after ${s.earlierKeepBuyingMean.toFixed(1)}`);
    Object.assign(scoreFacts, { latestKeepBuying: s.latestKeepBuying, earlierKeepBuyingMean: s.earlierKeepBuyingMean });
  }
  if (scorePoints > 0) {
    drivers.push({
      kind: 'FALLING_SCORES',
      points: Math.round(scorePoints),
      explanation: scoreDrops.join('; '),
      facts: scoreFacts,
    });
  }
  // The usual rate is baseline × 90/365 purchases per 90 days. Compared in whole numbers (× 365):
  // with floats, two purchases in the baseline year came out as 1.9999999999999998 of two.
  const baseline = s.purchasesInBaselineYear;
  const recentTimes365 = s.purchasesLast90Days * 365;
  const usualTimes365 = baseline * 90;
  if (baseline >= 2 && recentTimes365 < usualTimes365) {
    drivers.push({
      kind: 'FALLING_PURCHASE_FREQUENCY',
      points: Math.round((w.fallingFrequency * (usualTimes365 - recentTimes365)) / usualTimes365),
      explanation: `${s.purchasesLast90Days} purchase(s) in the last 90 days against ${(usualTimes365 / 365).toFixed(1)} usually`,
      facts: { purchasesLast90Days: s.purchasesLast90Days, usualPurchasesPer90Days: usualTimes365 / 365 },
    });
  }
  if (s.latestNps !== null && s.latestNps <= 6 && s.daysSinceLastPurchase !== null && s.daysSinceLastPurchase > 90) {
    drivers.push({
      kind: 'DETRACTOR_STOPPED_BUYING',
      points: w.detractorStoppedBuying,
      explanation: `a detractor (NPS ${s.latestNps}) who last bought ${s.daysSinceLastPurchase} days ago`,
      facts: { latestNps: s.latestNps, daysSinceLastPurchase: s.daysSinceLastPurchase },
    });
  }
  if (facts.openTickets > 0) {
    const points =
      Math.min(w.unresolvedTickets, facts.openTickets * w.perUnresolvedTicket) +
      (facts.overdueTickets > 0 ? w.overdueTicket : 0);
    drivers.push({
      kind: 'UNRESOLVED_TICKETS',
      points,
      explanation: `${facts.openTickets} unresolved recovery ticket(s)${facts.overdueTickets ? `, ${facts.overdueTickets} overdue` : ''}`,
      facts: { openTickets: facts.openTickets, overdueTickets: facts.overdueTickets },
    });
  }
  drivers.sort((a, b) => b.points - a.points);
  const score = Math.min(
    100,
    drivers.reduce((sum, driver) => sum + driver.points, 0),
  );
  return { score, level: score >= 60 ? 'HIGH' : score >= 30 ? 'MEDIUM' : 'LOW', drivers };
}

/**
 * A customer worth winning back: 4+ purchases in the year before the last 90 days (a real buying
 * habit), or a promoter (9-10) at some time in the last year.
 */
export function isGoodCustomer(facts: LoyaltyFacts): boolean {
  const dayMs = 86_400_000;
  const ago = (date: Date) => (facts.now.getTime() - date.getTime()) / dayMs;
  const habit = facts.purchases.filter((p) => ago(p.at) > 90 && ago(p.at) <= 455).length >= 4;
  const promoter = facts.answers.some((a) => ago(a.at) <= 365 && a.nps !== null && a.nps >= 9);
  return habit || promoter;
}
