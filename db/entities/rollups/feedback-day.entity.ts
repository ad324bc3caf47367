import { defineEntity, p } from '@mikro-orm/core';
import { Team } from '../team.entity.ts';

const count = () => p.integer().default(0);

/**
 * Pre-aggregated answers: additive counts per team and UTC day, kept by a trigger on `feedback`
 * (migration Analytics), so any week, month or quarter is a sum of days. Tracker sums and counts
 * give averages; `*_top2` counts answers of 4 or 5. A team's day is the sum of its rows: each
 * database session adds to a row of its own (`shard`, its backend pid), so that a session holding
 * its row to commit (or paused inside a transaction) never makes another session's answers wait;
 * past days are folded into shard 0 (migration FeedbackDayShards).
 */
export const FeedbackDaySchema = defineEntity({
  name: 'FeedbackDay',
  properties: {
    team: () => p.manyToOne(Team).primary(),
    day: p.date().primary(),
    shard: p.integer().primary(),
    promoters: count(),
    passives: count(),
    detractors: count(),
    csatN: count(),
    csatSatisfied: count(),
    intentKeepBuyingN: count(),
    intentKeepBuyingSum: count(),
    intentKeepBuyingTop2: count(),
    intentBuyMoreN: count(),
    intentBuyMoreSum: count(),
    intentBuyMoreTop2: count(),
    brandImageN: count(),
    brandImageSum: count(),
    brandImageTop2: count(),
    needsMetN: count(),
    needsMetSum: count(),
    needsMetTop2: count(),
  },
});

export class FeedbackDay extends FeedbackDaySchema.class {}
FeedbackDaySchema.setClass(FeedbackDay);
