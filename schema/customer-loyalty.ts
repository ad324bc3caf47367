import type { Customer } from '../db/entities/index.ts';
import { churnDrivers, churnWeights } from '../domain/loyalty/churn-risk.ts';
import type { CustomerLoyalty, TrendMonth } from '../domain/loyalty/customer-loyalty.ts';
import { clvLifespanYears } from '../domain/loyalty/kpi-formulas.ts';
import {
  categoryRules,
  type LoyaltyReason,
  type LoyaltyReasonCode,
  loyaltyCategories,
  reasonText,
} from '../domain/loyalty/loyalty-category.ts';
import { builder } from './builder.ts';
import { CustomerRef } from './customer.ts';
import { describedValues, NpsCategoryEnum } from './enums.ts';
import { allow } from './guards.ts';
import { reads } from './look-ahead.ts';
import { MoneyRef } from './money.ts';

export const LoyaltyCategoryEnum = builder.enumType('LoyaltyCategory', {
  description:
    'The six loyalty categories, from attitude and behaviour; checked in the order of the values below, the first that fits wins.',
  values: describedValues(loyaltyCategories, {
    UNKNOWN: 'No NPS answer in the last year and fewer than 2 purchases in it.',
    TRUE_AMBASSADOR: `Latest NPS ${categoryRules.ambassadorMinNps}-10, referred a customer, bought in the last ${categoryRules.ambassadorMaxDaysSincePurchase} days.`,
    LOYALTY_PROGRAM_LOYAL: `Redeemed points ${categoryRules.programMinRedemptions}+ times in the last year, not a promoter.`,
    BENEFITS_LOYAL: 'Got a goodwill reward in the last year and bought after it, not a promoter.',
    PRICE_LOYAL: `${categoryRules.priceMinPurchases}+ purchases in the last year, at least ${categoryRules.priceMinDiscountedShare * 100}% of them 10%+ under list price.`,
    CONVENIENCE_LOYAL: `${categoryRules.convenienceMinPurchases}+ purchases in the last year without affection (not a promoter, or brand image ${categoryRules.convenienceMaxBrandImage} or less).`,
    SATISFIED_BUT_SWITCHABLE:
      'Everyone else: contentment at most, which a better offer can beat (dissatisfied customers land here too; the reasons and the churn risk say so).',
  }),
});

const ChurnDriverKindEnum = builder.enumType('ChurnDriverKind', {
  description: 'What raises a churn risk.',
  values: describedValues(churnDrivers, {
    FALLING_SCORES: 'NPS or “keep buying” answers below the customer’s own earlier mean.',
    FALLING_PURCHASE_FREQUENCY: 'Fewer purchases in the last 90 days than their usual rate.',
    DETRACTOR_STOPPED_BUYING: 'A detractor who has not bought for 90 days.',
    UNRESOLVED_TICKETS: 'Recovery tickets still open or acknowledged (more when overdue).',
  }),
});

const RiskLevelEnum = builder.enumType('RiskLevel', {
  description: 'LOW below 30, MEDIUM 30-59, HIGH 60 and more.',
  values: {
    LOW: { description: 'Below 30.' },
    MEDIUM: { description: '30 to 59.' },
    HIGH: { description: '60 and more: a win-back ticket opens at WIN_BACK_RISK_THRESHOLD.' },
  } as const,
});

const TrendDirectionEnum = builder.enumType('TrendDirection', {
  description:
    'The latest answer against the mean of the earlier ones of the year: a change of 1 NPS point (half a point on 1-5 questions) or more is RISING or FALLING.',
  values: {
    RISING: { description: 'Up by the threshold or more.' },
    FALLING: { description: 'Down by the threshold or more.' },
    STABLE: { description: 'Within the threshold.' },
  } as const,
});

const reasonCodeDescriptions: Record<LoyaltyReasonCode, string> = {
  NO_NPS_LAST_YEAR: 'No NPS answer in the last year.',
  PROMOTER: 'A promoter: params.nps.',
  NOT_A_PROMOTER: 'Not a promoter: params.nps (null without an answer).',
  FEW_PURCHASES: 'Only params.purchases purchases in the last 12 months.',
  REFERRED: 'Referred params.customers customers.',
  LAST_BOUGHT: 'Last bought params.daysAgo days ago.',
  REDEEMED_POINTS: 'Redeemed params.points points in params.redemptions redemptions in the last 12 months.',
  GOT_GOODWILL: 'Received params.rewards goodwill rewards in the last 12 months.',
  BOUGHT_SINCE_GOODWILL: 'Bought params.times times since the last goodwill reward.',
  DISCOUNTED_PURCHASES: 'params.discounted of params.purchases purchases at 10% or more off list price.',
  REGULAR_BUYER: 'params.purchases purchases in the last 12 months: a regular buyer.',
  LOW_BRAND_IMAGE: 'Brand image params.brandImage of 5 (mean of the last year).',
  SATISFIED: 'Satisfied: params.nps (latest NPS) and params.csat (mean CSAT), either may be null.',
  NOT_SATISFIED: 'Not even satisfied: params.nps (latest NPS, or null).',
  NO_REFERRALS_YET: 'A promoter without referrals: nothing binds them beyond liking the brand.',
  NOTHING_BINDS: 'No referrals, points, goodwill, discounts or buying habit bind them.',
  PURCHASES: 'params.purchases purchases in the last 12 months.',
};

const LoyaltyReasonCodeEnum = builder.enumType('LoyaltyReasonCode', {
  description: 'What a loyalty reason says; its figures are in the reason’s params.',
  values: describedValues(Object.keys(reasonCodeDescriptions) as LoyaltyReasonCode[], reasonCodeDescriptions),
});

const LoyaltyReasonRef = builder.objectRef<LoyaltyReason>('LoyaltyReason').implement({
  description: 'One fact that decided a loyalty category.',
  fields: (t) => ({
    code: t.field({ type: LoyaltyReasonCodeEnum, description: 'What it says.', resolve: (reason) => reason.code }),
    params: t.field({ type: 'JSON', description: 'Its figures by name.', resolve: (reason) => reason.params }),
    text: t.string({ description: 'It in English words.', resolve: reasonText }),
  }),
});

type Risk = CustomerLoyalty['churnRisk'];

const ChurnDriverRef = builder.objectRef<Risk['drivers'][number]>('ChurnDriver').implement({
  description: 'One reason for a churn risk and the points it adds.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ChurnDriverKindEnum, description: 'What it is.' }),
    points: t.exposeInt('points', { description: 'Points it adds to the 0-100 score.' }),
    explanation: t.exposeString('explanation', { description: 'The facts, in English words.' }),
    facts: t.field({
      type: 'JSON',
      description:
        'The same facts as figures by name (e.g. { "openTickets": 2, "overdueTickets": 1 }), for a UI that says them in its own language; `kind` is the stable code.',
      resolve: (driver) => driver.facts,
    }),
  }),
});

const ChurnRiskRef = builder.objectRef<Risk>('ChurnRisk').implement({
  description: `Churn risk 0-100: the sum of its drivers, each against the customer’s own past. Falling scores: ${churnWeights.fallingNps} at most for NPS (7.5 per point below their earlier mean), ${churnWeights.fallingKeepBuying} for “keep buying”; falling purchase frequency: up to ${churnWeights.fallingFrequency} (the missing share of their usual 90-day rate, with 2+ purchases in the year before); a detractor who has not bought for 90 days: ${churnWeights.detractorStoppedBuying}; unresolved recovery tickets: ${churnWeights.perUnresolvedTicket} each up to ${churnWeights.unresolvedTickets}, ${churnWeights.overdueTicket} more when overdue.`,
  fields: (t) => ({
    score: t.exposeInt('score', { description: '0-100.' }),
    level: t.expose('level', { type: RiskLevelEnum, description: 'LOW, MEDIUM or HIGH.' }),
    drivers: t.field({ type: [ChurnDriverRef], description: 'Why, largest first.', resolve: (r) => r.drivers }),
  }),
});

const EngagementRef = builder.objectRef<CustomerLoyalty['engagement']>('CustomerEngagement').implement({
  description:
    'Engagement index 0-100 = 100 × (0.4 recency + 0.4 frequency + 0.2 participation): recency falls from 1 on the day of a purchase to 0 a year later, frequency is purchases in the last year / 12, participation answers in the last year / 4, each at most 1.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: '0-100.' }),
    recency: t.exposeFloat('recency', { description: '0-1.' }),
    frequency: t.exposeFloat('frequency', { description: '0-1.' }),
    participation: t.exposeFloat('participation', { description: '0-1.' }),
  }),
});

const trendFields = ['nps', 'csat', 'keepBuying', 'buyMore', 'brandImage', 'needsMet'] as const;

const TrendMonthRef = builder.objectRef<TrendMonth>('TrackerMonth').implement({
  description: 'Average answers of one month (null where that question had no answer).',
  fields: (t) => ({
    month: t.expose('month', { type: 'DateTime', description: 'First instant of the month (UTC).' }),
    answers: t.exposeInt('answers', { description: 'Answers that month.' }),
    ...Object.fromEntries(
      trendFields.map((field) => [field, t.exposeFloat(field, { nullable: true, description: `Average ${field}.` })]),
    ),
  }),
});

const TrendDirectionsRef = builder.objectRef<CustomerLoyalty['trend']['directions']>('TrackerDirections').implement({
  description: 'Each question’s direction; null with fewer than two answers in the year.',
  fields: (t) =>
    Object.fromEntries(
      trendFields.map((field) => [
        field,
        t.expose(field, { type: TrendDirectionEnum, nullable: true, description: `Direction of ${field}.` }),
      ]),
    ),
});

const LoyaltyRef = builder.objectRef<CustomerLoyalty>('CustomerLoyalty').implement({
  description: 'Where a customer stands: loyalty category with reasons, churn risk, value, engagement, trend.',
  fields: (t) => ({
    category: t.expose('category', { type: LoyaltyCategoryEnum, description: 'One of the six, or UNKNOWN.' }),
    reasons: t.stringList({
      description:
        'The facts that put the customer in the category, in English words (reasonDetails has them as codes).',
      resolve: (loyalty) => loyalty.reasons.map(reasonText),
    }),
    reasonDetails: t.field({
      type: [LoyaltyReasonRef],
      description: 'The same facts as stable codes with their figures, for a UI that says them in its own language.',
      resolve: (loyalty) => loyalty.reasons,
    }),
    npsCategory: t.expose('npsCategory', {
      type: NpsCategoryEnum,
      nullable: true,
      description: 'Category of the latest NPS answer of the last year.',
    }),
    churnRisk: t.field({
      type: ChurnRiskRef,
      description: 'Risk of losing the customer.',
      resolve: (l) => l.churnRisk,
    }),
    lifetimeValue: t.field({
      type: MoneyRef,
      nullable: true,
      description: `Revenue-based CLV in the currency of most spend in the last year: average order value × purchases in the last year × ${clvLifespanYears} years of expected lifespan.`,
      resolve: (l) => l.lifetimeValue,
    }),
    engagement: t.field({ type: EngagementRef, description: 'Engagement index.', resolve: (l) => l.engagement }),
    trackerTrend: t.field({
      type: [TrendMonthRef],
      description: 'The loyalty tracker per month over the last year (months with answers), oldest first.',
      resolve: (l) => l.trend.months,
    }),
    trackerDirections: t.field({
      type: TrendDirectionsRef,
      description: 'Whether each question (NPS, CSAT, tracker) is rising, falling or stable.',
      resolve: (l) => l.trend.directions,
    }),
  }),
});

builder.objectField(CustomerRef, 'loyalty', (t) =>
  t.field({
    type: LoyaltyRef,
    nullable: true,
    description: 'Loyalty category, churn risk, CLV, engagement and tracker trend, computed now (staff and services).',
    extensions: reads<Customer>('id'),
    resolve: (customer, _args, ctx) => {
      allow(ctx, 'loyalty.read');
      return ctx.loaders.customerLoyalty.load(customer.id);
    },
  }),
);
