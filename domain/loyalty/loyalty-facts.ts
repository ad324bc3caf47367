import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../data/pg-array.ts';

/** One feedback answer as the loyalty rules see it. */
export interface AnswerFact {
  at: Date;
  nps: number | null;
  csat: number | null;
  keepBuying: number | null;
  buyMore: number | null;
  brandImage: number | null;
  needsMet: number | null;
}

export interface PurchaseFact {
  at: Date;
  amountMinor: number;
  currency: string;
  /** Bought at least `discountThresholdPercent` below the product's list price. */
  discounted: boolean;
}

/** Everything the per-customer loyalty rules read, gathered in a few queries; the rules themselves are pure. */
export interface LoyaltyFacts {
  now: Date;
  /** The last two years, oldest first. */
  answers: AnswerFact[];
  /** The last two years, oldest first. */
  purchases: PurchaseFact[];
  /** Customers this customer referred. */
  referrals: number;
  /** Points spent (redeemed) in the last year, and in how many redemptions. */
  pointsRedeemedLastYear: number;
  redemptionsLastYear: number;
  /** Goodwill rewards (surprises) received in the last year, and the last one's time. */
  goodwillLastYear: number;
  lastGoodwillAt: Date | null;
  /** Unresolved recovery tickets (a win-back ticket is the answer to a risk, not a cause of it). */
  openTickets: number;
  overdueTickets: number;
}

/**
 * A purchase 10% or more under list price counts as bought on discount: exactly 10% off is
 * discounted. In whole percent and integer cents, so that the border is exact.
 */
const discountThresholdPercent = 10;
const dayMs = 86_400_000;
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** The figures the rules are written in, derived from the facts. */
export interface LoyaltySummary {
  latestNps: number | null;
  /** Mean of the NPS answers of the last year before the latest one. */
  earlierNpsMean: number | null;
  latestKeepBuying: number | null;
  earlierKeepBuyingMean: number | null;
  answersLastYear: number;
  csatMeanLastYear: number | null;
  keepBuyingMeanLastYear: number | null;
  brandImageMeanLastYear: number | null;
  purchasesLastYear: number;
  purchasesLast90Days: number;
  /** Purchases in the year (365 days) before the last 90 days: the customer's own baseline. */
  purchasesInBaselineYear: number;
  daysSinceLastPurchase: number | null;
  discountedShareLastYear: number | null;
  purchasesSinceLastGoodwill: number;
}

export function summarize(facts: LoyaltyFacts): LoyaltySummary {
  const ago = (date: Date) => (facts.now.getTime() - date.getTime()) / dayMs;
  const lastYear = facts.answers.filter((a) => ago(a.at) <= 365);
  const values = (key: keyof Omit<AnswerFact, 'at'>) =>
    lastYear.map((a) => a[key]).filter((v): v is number => v !== null);
  const nps = values('nps');
  const keep = values('keepBuying');
  const bought = facts.purchases.filter((p) => ago(p.at) <= 365);
  const baseline = facts.purchases.filter((p) => ago(p.at) > 90 && ago(p.at) <= 455).length;
  const last = facts.purchases.at(-1);
  return {
    latestNps: nps.at(-1) ?? null,
    earlierNpsMean: mean(nps.slice(0, -1)),
    latestKeepBuying: keep.at(-1) ?? null,
    earlierKeepBuyingMean: mean(keep.slice(0, -1)),
    answersLastYear: lastYear.length,
    csatMeanLastYear: mean(values('csat')),
    keepBuyingMeanLastYear: mean(keep),
    brandImageMeanLastYear: mean(values('brandImage')),
    purchasesLastYear: bought.length,
    purchasesLast90Days: facts.purchases.filter((p) => ago(p.at) <= 90).length,
    purchasesInBaselineYear: baseline,
    daysSinceLastPurchase: last ? Math.floor(ago(last.at)) : null,
    discountedShareLastYear: bought.length ? bought.filter((p) => p.discounted).length / bought.length : null,
    purchasesSinceLastGoodwill: facts.lastGoodwillAt
      ? facts.purchases.filter((p) => p.at > (facts.lastGoodwillAt as Date)).length
      : 0,
  };
}

type Row = Record<string, unknown>;

/** The facts of a customer of whom nothing is known yet. */
export function noFacts(now: Date): LoyaltyFacts {
  return {
    now,
    answers: [],
    purchases: [],
    referrals: 0,
    pointsRedeemedLastYear: 0,
    redemptionsLastYear: 0,
    goodwillLastYear: 0,
    lastGoodwillAt: null,
    openTickets: 0,
    overdueTickets: 0,
  };
}

/** Loads the facts of many customers at once: five statements whatever their number. */
export async function loadLoyaltyFacts(
  em: EntityManager,
  customerIds: readonly number[],
  now = new Date(),
): Promise<Map<number, LoyaltyFacts>> {
  const ids = [...customerIds];
  const list = pgArray(ids);
  const since = new Date(now.getTime() - 730 * dayMs);
  const yearAgo = new Date(now.getTime() - 365 * dayMs);
  const connection = em.getConnection();
  const [answers, purchases, referrals, rewards, tickets] = await Promise.all([
    connection.execute<Row[]>(
      `select customer_id, submitted_at, nps, csat, intent_keep_buying, intent_buy_more, brand_image, needs_met
         from feedback where customer_id = any(?::int[]) and submitted_at >= ? and submitted_at <= ? order by submitted_at, id`,
      [list, since, now],
    ),
    connection.execute<Row[]>(
      `select p.customer_id, p.purchased_at, p.amount_minor, p.currency,
              coalesce(p.amount_minor * 100 <= (100 - ?) * (pr.list_prices ->> p.currency)::bigint * p.quantity, false) as discounted
         from purchase p join product pr on pr.id = p.product_id
        where p.customer_id = any(?::int[]) and p.purchased_at >= ? and p.purchased_at <= ? order by p.purchased_at, p.id`,
      [discountThresholdPercent, list, since, now],
    ),
    connection.execute<Row[]>(
      'select referred_by_id as customer_id, count(*) as n from customer where referred_by_id = any(?::int[]) group by 1',
      [list],
    ),
    connection.execute<Row[]>(
      `select customer_id,
              coalesce(-sum(points) filter (where kind = 'SPEND' and created_at >= ?), 0) as redeemed,
              count(*) filter (where kind = 'SPEND' and created_at >= ?) as redemptions,
              count(*) filter (where kind = 'GOODWILL' and created_at >= ?) as goodwill,
              max(created_at) filter (where kind = 'GOODWILL') as last_goodwill
         from reward_entry where customer_id = any(?::int[]) and created_at <= ? group by 1`,
      [yearAgo, yearAgo, yearAgo, list, now],
    ),
    connection.execute<Row[]>(
      `select customer_id, count(*) as open,
              count(*) filter (where (acknowledged_at is null and ack_due_at < ?) or resolve_due_at < ?) as overdue
         from ticket where customer_id = any(?::int[]) and kind = 'SERVICE_RECOVERY' and status in ('OPEN', 'ACKNOWLEDGED')
        group by 1`,
      [now, now, list],
    ),
  ]);
  const facts = new Map<number, LoyaltyFacts>(ids.map((id) => [id, noFacts(now)]));
  const of = (row: Row) => facts.get(Number(row.customer_id)) as LoyaltyFacts;
  const score = (value: unknown) => (value == null ? null : Number(value));
  for (const row of answers) {
    of(row).answers.push({
      at: new Date(row.submitted_at as string),
      nps: score(row.nps),
      csat: score(row.csat),
      keepBuying: score(row.intent_keep_buying),
      buyMore: score(row.intent_buy_more),
      brandImage: score(row.brand_image),
      needsMet: score(row.needs_met),
    });
  }
  for (const row of purchases) {
    of(row).purchases.push({
      at: new Date(row.purchased_at as string),
      amountMinor: Number(row.amount_minor),
      currency: String(row.currency),
      discounted: Boolean(row.discounted),
    });
  }
  for (const row of referrals) of(row).referrals = Number(row.n);
  for (const row of rewards) {
    Object.assign(of(row), {
      pointsRedeemedLastYear: Number(row.redeemed),
      redemptionsLastYear: Number(row.redemptions),
      goodwillLastYear: Number(row.goodwill),
      lastGoodwillAt: row.last_goodwill ? new Date(row.last_goodwill as string) : null,
    });
  }
  for (const row of tickets)
    Object.assign(of(row), { openTickets: Number(row.open), overdueTickets: Number(row.overdue) });
  return facts;
}
