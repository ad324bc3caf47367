import { type ChurnRisk, churnRisk } from './churn-risk.ts';
import {
  customerEngagement,
  customerLifetimeValue,
  type EngagementParts,
  engagementIndex,
  type TrendDirection,
  trendDirection,
} from './kpi-formulas.ts';
import { type Classification, classifyLoyalty } from './loyalty-category.ts';
import { type AnswerFact, type LoyaltyFacts, summarize } from './loyalty-facts.ts';
import { type NpsCategory, npsCategory } from './nps.ts';

const trendKeys = ['nps', 'csat', 'keepBuying', 'buyMore', 'brandImage', 'needsMet'] as const;
type TrendKey = (typeof trendKeys)[number];

export interface TrendMonth extends Record<TrendKey, number | null> {
  month: Date;
  answers: number;
}

export interface CustomerLoyalty extends Classification {
  npsCategory: NpsCategory | null;
  churnRisk: ChurnRisk;
  /** In the currency the customer spent most in over the last year; null without purchases. */
  lifetimeValue: { amountMinor: number; currency: string } | null;
  engagement: EngagementParts & { index: number };
  /** Monthly averages of the last 12 months that had answers, oldest first, and each question's direction. */
  trend: { months: TrendMonth[]; directions: Record<TrendKey, TrendDirection | null> };
}

const dayMs = 86_400_000;
const average = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** The per-customer loyalty figures, all derived from the facts by pure rules. */
export function customerLoyalty(facts: LoyaltyFacts): CustomerLoyalty {
  const s = summarize(facts);
  const yearAgo = facts.now.getTime() - 365 * dayMs;
  const lastYear = facts.answers.filter((a) => a.at.getTime() >= yearAgo);
  return {
    ...classifyLoyalty(facts),
    npsCategory: s.latestNps === null ? null : npsCategory(s.latestNps),
    churnRisk: churnRisk(facts),
    lifetimeValue: lifetimeValue(facts, yearAgo),
    engagement: (() => {
      const parts = customerEngagement({
        daysSinceLastPurchase: s.daysSinceLastPurchase,
        purchasesLastYear: s.purchasesLastYear,
        answersLastYear: s.answersLastYear,
      });
      return { ...parts, index: engagementIndex(parts) };
    })(),
    trend: trend(lastYear),
  };
}

function lifetimeValue(facts: LoyaltyFacts, yearAgo: number) {
  const byCurrency = new Map<string, { revenue: number; count: number }>();
  for (const purchase of facts.purchases) {
    if (purchase.at.getTime() < yearAgo) continue;
    const sum = byCurrency.get(purchase.currency) ?? { revenue: 0, count: 0 };
    byCurrency.set(purchase.currency, { revenue: sum.revenue + purchase.amountMinor, count: sum.count + 1 });
  }
  const [currency, main] = [...byCurrency].sort((a, b) => b[1].revenue - a[1].revenue)[0] ?? [];
  if (!currency || !main) return null;
  const value = customerLifetimeValue(main.revenue / main.count, main.count) as number;
  return { amountMinor: Math.round(value), currency };
}

function trend(answers: AnswerFact[]) {
  const months = new Map<string, AnswerFact[]>();
  for (const answer of answers) {
    const key = answer.at.toISOString().slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), answer]);
  }
  const series = (key: TrendKey) => answers.map((a) => a[key]).filter((value): value is number => value !== null);
  return {
    months: [...months].map(([key, group]) => ({
      month: new Date(`${key}-01T00:00:00Z`),
      answers: group.length,
      ...(Object.fromEntries(
        trendKeys.map((k) => [k, average(group.map((a) => a[k]).filter((v): v is number => v !== null))]),
      ) as Record<TrendKey, number | null>),
    })),
    directions: Object.fromEntries(
      trendKeys.map((k) => [k, trendDirection(series(k), k === 'nps' ? 1 : 0.5)]),
    ) as Record<TrendKey, TrendDirection | null>,
  };
}
