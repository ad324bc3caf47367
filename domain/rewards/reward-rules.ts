/** Tiers by points earned (purchases, grants and goodwill) in the last 12 months; spending never lowers a tier. */
export const rewardTiers = [
  { tier: 'BRONZE', minPoints: 0 },
  { tier: 'SILVER', minPoints: 250 },
  { tier: 'GOLD', minPoints: 1000 },
  { tier: 'PLATINUM', minPoints: 2500 },
] as const;
export type RewardTier = (typeof rewardTiers)[number]['tier'];

export interface TierStanding {
  tier: RewardTier;
  /** The next tier up and the points still needed for it; null at the top. */
  next: { tier: RewardTier; pointsNeeded: number } | null;
}

export function tierFor(pointsEarnedLastYear: number): TierStanding {
  const index = rewardTiers.findLastIndex((t) => pointsEarnedLastYear >= t.minPoints);
  const current = rewardTiers[Math.max(0, index)] as (typeof rewardTiers)[number];
  const next = rewardTiers[index + 1];
  return {
    tier: current.tier,
    next: next ? { tier: next.tier, pointsNeeded: next.minPoints - pointsEarnedLastYear } : null,
  };
}

/** A purchase earns one point per whole unit of its currency (100 minor units), rounded down. */
export function pointsForPurchase(amountMinor: number): number {
  return Math.floor(amountMinor / 100);
}
