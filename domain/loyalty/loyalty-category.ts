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

export interface Classification {
  category: LoyaltyCategory;
  /** Why, in words fit for an account manager: the facts that decided it. */
  reasons: string[];
}

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
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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
  const npsText = s.latestNps === null ? 'no NPS answer in the last year' : `latest NPS ${s.latestNps}`;
  const bought = `${plural(s.purchasesLastYear, 'purchase')} in the last 12 months`;

  if (s.latestNps === null && s.purchasesLastYear < 2) {
    return { category: 'UNKNOWN', reasons: [npsText, `only ${bought}`] };
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
        `${npsText} (promoter)`,
        `referred ${plural(facts.referrals, 'customer')}`,
        `last bought ${plural(s.daysSinceLastPurchase, 'day')} ago`,
      ],
    };
  }
  const notPromoter = promoter ? null : `${npsText}: not a promoter`;
  if (!promoter && facts.redemptionsLastYear >= r.programMinRedemptions) {
    return {
      category: 'LOYALTY_PROGRAM_LOYAL',
      reasons: [
        `redeemed ${plural(facts.pointsRedeemedLastYear, 'point')} in ${plural(facts.redemptionsLastYear, 'redemption')} in the last 12 months`,
        notPromoter as string,
      ],
    };
  }
  if (!promoter && facts.goodwillLastYear > 0 && s.purchasesSinceLastGoodwill > 0) {
    return {
      category: 'BENEFITS_LOYAL',
      reasons: [
        `received ${plural(facts.goodwillLastYear, 'goodwill reward')} in the last 12 months`,
        `bought ${plural(s.purchasesSinceLastGoodwill, 'time')} since the last one`,
        notPromoter as string,
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
      reasons: [`${discounted} of ${bought} at 10% or more off list price`],
    };
  }
  const lowBrand = s.brandImageMeanLastYear !== null && s.brandImageMeanLastYear <= r.convenienceMaxBrandImage;
  if (s.purchasesLastYear >= r.convenienceMinPurchases && (!promoter || lowBrand)) {
    return {
      category: 'CONVENIENCE_LOYAL',
      reasons: [
        `${bought}: a regular buyer`,
        lowBrand ? `brand image ${s.brandImageMeanLastYear?.toFixed(1)}/5` : (notPromoter as string),
      ],
    };
  }
  const satisfied = (s.csatMeanLastYear ?? 0) >= 4 || (s.latestNps ?? 0) >= 7;
  return {
    category: 'SATISFIED_BUT_SWITCHABLE',
    reasons: [
      satisfied
        ? `satisfied (${npsText}${s.csatMeanLastYear === null ? '' : `, CSAT ${s.csatMeanLastYear.toFixed(1)}/5`})`
        : `not even satisfied (${npsText}): nothing holds them`,
      promoter && facts.referrals === 0
        ? 'no referrals yet: nothing binds them beyond liking the brand'
        : 'no referrals, points, goodwill, discounts or buying habit bind them: a better offer could take them',
      bought,
    ],
  };
}
