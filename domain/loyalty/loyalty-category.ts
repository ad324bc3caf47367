import { type LoyaltyFacts, summarize } from './loyalty-facts.ts';

export const loyaltyCategories = [
  'TRUE_AMBASSADOR',
  'LOYALTY_PROGRAM_LOYAL',
  'BENEFITS_LOYAL',
  'PRICE_LOYAL',
  'CONVENIENCE_LOYAL',
  'SATISFIED_BUT_SWITCHABLE',
  'UNKNOWN',
] as const;
export type LoyaltyCategory = (typeof loyaltyCategories)[number];

/**
 * One fact that decided a category, as a stable code with its figures, so that a UI can say it
 * in its own language; reasonText says it in English.
 */
export type LoyaltyReason =
  | { code: 'NO_NPS_LAST_YEAR'; params: Record<string, never> }
  | { code: 'PROMOTER'; params: { nps: number } }
  | { code: 'NOT_A_PROMOTER'; params: { nps: number | null } }
  | { code: 'FEW_PURCHASES'; params: { purchases: number } }
  | { code: 'REFERRED'; params: { customers: number } }
  | { code: 'LAST_BOUGHT'; params: { daysAgo: number } }
  | { code: 'REDEEMED_POINTS'; params: { points: number; redemptions: number } }
  | { code: 'GOT_GOODWILL'; params: { rewards: number } }
  | { code: 'BOUGHT_SINCE_GOODWILL'; params: { times: number } }
  | { code: 'DISCOUNTED_PURCHASES'; params: { discounted: number; purchases: number } }
  | { code: 'REGULAR_BUYER'; params: { purchases: number } }
  | { code: 'LOW_BRAND_IMAGE'; params: { brandImage: number } }
  | { code: 'SATISFIED'; params: { nps: number | null; csat: number | null } }
  | { code: 'NOT_SATISFIED'; params: { nps: number | null } }
  | { code: 'NO_REFERRALS_YET'; params: Record<string, never> }
  | { code: 'NOTHING_BINDS'; params: Record<string, never> }
  | { code: 'PURCHASES'; params: { purchases: number } };

export type LoyaltyReasonCode = LoyaltyReason['code'];

export interface Classification {
  category: LoyaltyCategory;
  /** Why: the facts that decided it. */
  reasons: LoyaltyReason[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const npsText = (nps: number | null) => (nps === null ? 'no NPS answer in the last year' : `latest NPS ${nps}`);
const boughtText = (purchases: number) => `${plural(purchases, 'purchase')} in the last 12 months`;

/** A reason in words fit for an account manager (English; the code and params are for other languages). */
export function reasonText({ code, params: p }: LoyaltyReason): string {
  switch (code) {
    case 'NO_NPS_LAST_YEAR':
      return npsText(null);
    case 'PROMOTER':
      return `${npsText(p.nps)} (promoter)`;
    case 'NOT_A_PROMOTER':
      return `${npsText(p.nps)}: not a promoter`;
    case 'FEW_PURCHASES':
      return `only ${boughtText(p.purchases)}`;
    case 'REFERRED':
      return `referred ${plural(p.customers, 'customer')}`;
    case 'LAST_BOUGHT':
      return `last bought ${plural(p.daysAgo, 'day')} ago`;
    case 'REDEEMED_POINTS':
      return `redeemed ${plural(p.points, 'point')} in ${plural(p.redemptions, 'redemption')} in the last 12 months`;
    case 'GOT_GOODWILL':
      return `received ${plural(p.rewards, 'goodwill reward')} in the last 12 months`;
    case 'BOUGHT_SINCE_GOODWILL':
      return `bought ${plural(p.times, 'time')} since the last one`;
    case 'DISCOUNTED_PURCHASES':
      return `${p.discounted} of ${boughtText(p.purchases)} at 10% or more off list price`;
    case 'REGULAR_BUYER':
      return `${boughtText(p.purchases)}: a regular buyer`;
    case 'LOW_BRAND_IMAGE':
      return `brand image ${p.brandImage.toFixed(1)}/5`;
    case 'SATISFIED':
      return `satisfied (${npsText(p.nps)}${p.csat === null ? '' : `, CSAT ${p.csat.toFixed(1)}/5`})`;
    case 'NOT_SATISFIED':
      return `not even satisfied (${npsText(p.nps)}): nothing holds them`;
    case 'NO_REFERRALS_YET':
      return 'no referrals yet: nothing binds them beyond liking the brand';
    case 'NOTHING_BINDS':
      return 'no referrals, points, goodwill, discounts or buying habit bind them: a better offer could take them';
    case 'PURCHASES':
      return boughtText(p.purchases);
  }
}

const reason = <C extends LoyaltyReasonCode>(code: C, params: Extract<LoyaltyReason, { code: C }>['params']) =>
  ({ code, params }) as LoyaltyReason;

/** The thresholds of the rules, named so that documentation and tests can quote them. */
export const categoryRules = {
  ambassadorMinNps: 9,
  ambassadorMaxDaysSincePurchase: 90,
  programMinRedemptions: 2,
  priceMinDiscountedShare: 0.5,
  priceMinPurchases: 2,
  convenienceMinPurchases: 4,
  convenienceMaxBrandImage: 3,
} as const;

const r = categoryRules;

/**
 * Puts a customer in one of the six loyalty categories, from what they say (NPS, tracker) and what
 * they do (purchases, referrals, points, goodwill), checked in this order; the first that fits wins:
 * 1. UNKNOWN: no NPS answer in the last year and fewer than 2 purchases in it.
 * 2. TRUE_AMBASSADOR: latest NPS 9-10, referred at least one customer, bought in the last 90 days.
 * 3. LOYALTY_PROGRAM_LOYAL: redeemed points 2+ times in the last year, and not a promoter.
 * 4. BENEFITS_LOYAL: got a goodwill reward in the last year and bought again after it, not a promoter.
 * 5. PRICE_LOYAL: 2+ purchases in the last year, at least half of them 10%+ under list price.
 * 6. CONVENIENCE_LOYAL: 4+ purchases in the last year but no affection (not a promoter, or brand image 3 or less).
 * 7. SATISFIED_BUT_SWITCHABLE: everyone else: nothing but contentment, if that, keeps them from a better
 *    offer (the reasons say when they are not even satisfied).
 * Dissatisfied customers are not a seventh category: they land here, and their churn risk shows it.
 */
export function classifyLoyalty(facts: LoyaltyFacts): Classification {
  const s = summarize(facts);
  const promoter = s.latestNps !== null && s.latestNps >= r.ambassadorMinNps;
  const bought = reason('PURCHASES', { purchases: s.purchasesLastYear });

  if (s.latestNps === null && s.purchasesLastYear < 2) {
    return {
      category: 'UNKNOWN',
      reasons: [reason('NO_NPS_LAST_YEAR', {}), reason('FEW_PURCHASES', { purchases: s.purchasesLastYear })],
    };
  }
  if (
    promoter &&
    facts.referrals > 0 &&
    s.daysSinceLastPurchase !== null &&
    s.daysSinceLastPurchase <= r.ambassadorMaxDaysSincePurchase
  ) {
    return {
      category: 'TRUE_AMBASSADOR',
      reasons: [
        reason('PROMOTER', { nps: s.latestNps as number }),
        reason('REFERRED', { customers: facts.referrals }),
        reason('LAST_BOUGHT', { daysAgo: s.daysSinceLastPurchase }),
      ],
    };
  }
  const notPromoter = reason('NOT_A_PROMOTER', { nps: s.latestNps });
  if (!promoter && facts.redemptionsLastYear >= r.programMinRedemptions) {
    return {
      category: 'LOYALTY_PROGRAM_LOYAL',
      reasons: [
        reason('REDEEMED_POINTS', { points: facts.pointsRedeemedLastYear, redemptions: facts.redemptionsLastYear }),
        notPromoter,
      ],
    };
  }
  if (!promoter && facts.goodwillLastYear > 0 && s.purchasesSinceLastGoodwill > 0) {
    return {
      category: 'BENEFITS_LOYAL',
      reasons: [
        reason('GOT_GOODWILL', { rewards: facts.goodwillLastYear }),
        reason('BOUGHT_SINCE_GOODWILL', { times: s.purchasesSinceLastGoodwill }),
        notPromoter,
      ],
    };
  }
  if (
    s.purchasesLastYear >= r.priceMinPurchases &&
    s.discountedShareLastYear !== null &&
    s.discountedShareLastYear >= r.priceMinDiscountedShare
  ) {
    const discounted = Math.round(s.discountedShareLastYear * s.purchasesLastYear);
    return {
      category: 'PRICE_LOYAL',
      reasons: [reason('DISCOUNTED_PURCHASES', { discounted, purchases: s.purchasesLastYear })],
    };
  }
  const lowBrand = s.brandImageMeanLastYear !== null && s.brandImageMeanLastYear <= r.convenienceMaxBrandImage;
  if (s.purchasesLastYear >= r.convenienceMinPurchases && (!promoter || lowBrand)) {
    return {
      category: 'CONVENIENCE_LOYAL',
      reasons: [
        reason('REGULAR_BUYER', { purchases: s.purchasesLastYear }),
        lowBrand ? reason('LOW_BRAND_IMAGE', { brandImage: s.brandImageMeanLastYear as number }) : notPromoter,
      ],
    };
  }
  const satisfied = (s.csatMeanLastYear ?? 0) >= 4 || (s.latestNps ?? 0) >= 7;
  return {
    category: 'SATISFIED_BUT_SWITCHABLE',
    reasons: [
      satisfied
        ? reason('SATISFIED', { nps: s.latestNps, csat: s.csatMeanLastYear })
        : reason('NOT_SATISFIED', { nps: s.latestNps }),
      promoter && facts.referrals === 0 ? reason('NO_REFERRALS_YET', {}) : reason('NOTHING_BINDS', {}),
      bought,
    ],
  };
}
