import { withStatementTimeout } from '../domain/data/statement-timeout.ts';
import { clvLifespanYears, engagementTargets, engagementWeights } from '../domain/loyalty/kpi-formulas.ts';
import { type LoyaltyPeriod, loyaltyReport, type TrackerKpi } from '../domain/reports/loyalty-report.ts';
import { builder } from './builder.ts';
import { allow } from './guards.ts';
import { MoneyRef } from './money.ts';
import { ReportScope, reportScope } from './report-scope.ts';

const Granularity = builder.enumType('Granularity', {
  description:
    'Length of each period of a report (calendar weeks from Monday, months or quarters, in the report’s time zone).',
  values: {
    WEEK: { value: 'week', description: 'Calendar weeks, Monday to Sunday.' },
    MONTH: { value: 'month', description: 'Calendar months.' },
    QUARTER: { value: 'quarter', description: 'Calendar quarters (January, April, July, October).' },
  } as const,
});

const NpsRef = builder.objectRef<LoyaltyPeriod['nps']>('NpsFigure').implement({
  description: 'Net Promoter Score of a period: promoters 9-10, passives 7-8, detractors 0-6.',
  fields: (t) => ({
    n: t.exposeInt('n', { description: 'Answers.' }),
    promoters: t.exposeInt('promoters', { description: 'Answers of 9 or 10.' }),
    passives: t.exposeInt('passives', { description: 'Answers of 7 or 8.' }),
    detractors: t.exposeInt('detractors', { description: 'Answers of 0 to 6.' }),
    score: t.exposeFloat('score', {
      nullable: true,
      description: '% promoters − % detractors, −100 to 100; null with no answers.',
    }),
    marginOfError: t.exposeFloat('marginOfError', {
      nullable: true,
      description:
        '95% margin of error in NPS points: 1.96 × √((p_promoter + p_detractor − (p_promoter − p_detractor)²) / n) × 100. Null below 30 answers, where that approximation is not reliable (five promoters would give 0): show n instead.',
    }),
  }),
});

const CsatRef = builder.objectRef<LoyaltyPeriod['csat']>('CsatFigure').implement({
  description: 'Customer satisfaction of a period on the 1-5 scale.',
  fields: (t) => ({
    n: t.exposeInt('n', { description: 'Answers.' }),
    satisfied: t.exposeInt('satisfied', { description: 'Answers of 4 or 5.' }),
    percent: t.exposeFloat('percent', { nullable: true, description: 'Share of 4 and 5 in %, null with no answers.' }),
  }),
});

const KpiRef = builder.objectRef<TrackerKpi>('TrackerKpi').implement({
  description: 'One loyalty-tracker question (1-5) in a period.',
  fields: (t) => ({
    n: t.exposeInt('n', { description: 'Answers.' }),
    average: t.exposeFloat('average', { nullable: true, description: 'Mean answer, null with none.' }),
    topTwoBoxShare: t.exposeFloat('topTwoBoxShare', {
      nullable: true,
      description: 'Share (0-1) of answers of 4 or 5.',
    }),
  }),
});

const TrackerRef = builder.objectRef<LoyaltyPeriod['tracker']>('TrackerFigures').implement({
  description: 'The attitudinal loyalty tracker.',
  fields: (t) => ({
    keepBuying: t.field({ type: KpiRef, description: 'Intends to keep buying.', resolve: (x) => x.keepBuying }),
    buyMore: t.field({ type: KpiRef, description: 'Intends to buy more.', resolve: (x) => x.buyMore }),
    brandImage: t.field({ type: KpiRef, description: 'Opinion of the brand.', resolve: (x) => x.brandImage }),
    needsMet: t.field({ type: KpiRef, description: 'Needs and expectations met.', resolve: (x) => x.needsMet }),
  }),
});

type Purchases = LoyaltyPeriod['purchases'] & { currency: string };
const money = (amountMinor: number | null, currency: string) =>
  amountMinor === null ? null : { amountMinor: Math.round(amountMinor), currency };

const PurchasesRef = builder.objectRef<Purchases>('PurchaseFigures').implement({
  description: 'Behavioural loyalty of a period, in the report’s currency.',
  fields: (t) => ({
    activeCustomers: t.exposeInt('activeCustomers', { description: 'Customers who bought in the period.' }),
    newCustomers: t.exposeInt('newCustomers', {
      description:
        'Customers whose first purchase ever, in any currency, falls in the period and who bought in the report’s currency in it: a customer who bought in USD before is not new at their first EUR purchase.',
    }),
    transactions: t.exposeInt('transactions', { description: 'Purchases in the period.' }),
    revenue: t.field({ type: MoneyRef, description: 'Revenue.', resolve: (p) => money(p.revenueMinor, p.currency)! }),
    repeatPurchaseRatio: t.exposeFloat('repeatPurchaseRatio', {
      nullable: true,
      description: 'Customers with 2+ purchases / customers with 1+ purchase in the period.',
    }),
    upsellRatio: t.exposeFloat('upsellRatio', {
      nullable: true,
      description: 'Customers who bought 2+ distinct products / customers who bought exactly one.',
    }),
    salesPerCustomer: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Revenue / active customers.',
      resolve: (p) => money(p.salesPerCustomerMinor, p.currency),
    }),
    spendPerTransaction: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Revenue / transactions.',
      resolve: (p) => money(p.spendPerTransactionMinor, p.currency),
    }),
    retentionRate: t.exposeFloat('retentionRate', {
      nullable: true,
      description:
        '(customers at period end − new customers) / customers at period start, where the customers of a period are those who bought in it and those at the start are the previous period’s. Returning lapsed customers (who bought before, but not in the previous period) count as retained, so it can exceed 1 (100%) when more lapsed customers come back than active ones leave; churnRate is then negative.',
    }),
    churnRate: t.exposeFloat('churnRate', { nullable: true, description: '1 − retentionRate.' }),
    customerLifetimeValue: t.field({
      type: MoneyRef,
      nullable: true,
      description: `Revenue-based CLV: average order value × purchases per customer per year (the period’s, annualised) × an expected lifespan of ${clvLifespanYears} years; equal to sales per customer × periods per year × ${clvLifespanYears}. Null without buyers.`,
      resolve: (p) => money(p.customerLifetimeValueMinor, p.currency),
    }),
  }),
});

const EngagementRef = builder.objectRef<LoyaltyPeriod['engagement']>('EngagementFigure').implement({
  description: `Engagement index 0-100 = 100 × (${engagementWeights.recency} recency + ${engagementWeights.frequency} frequency + ${engagementWeights.participation} participation), each part 0-1. For a period: recency = share of the customers who had bought by its end (in the currency) that bought in it; frequency = purchases per buyer against ${engagementTargets.purchasesPerYear} a year; participation = NPS answers per such customer against ${engagementTargets.answersPerYear} a year. Null without customers.`,
  fields: (t) => ({
    index: t.exposeInt('index', { nullable: true, description: 'The index, 0-100.' }),
    recency: t.exposeFloat('recency', {
      nullable: true,
      description: 'Recency part, 0-1 (before clamping it may exceed 1).',
    }),
    frequency: t.exposeFloat('frequency', { nullable: true, description: 'Frequency part (1 = on target).' }),
    participation: t.exposeFloat('participation', {
      nullable: true,
      description: 'Participation part (1 = on target).',
    }),
  }),
});

const TicketFiguresRef = builder.objectRef<LoyaltyPeriod['tickets']>('TicketFigures').implement({
  description: 'Recovery and win-back tickets in a period.',
  fields: (t) => ({
    opened: t.exposeInt('opened', { description: 'Tickets opened in the period.' }),
    openAtEnd: t.exposeInt('openAtEnd', { description: 'Tickets not resolved at the period’s end.' }),
    overdueAtEnd: t.exposeInt('overdueAtEnd', {
      description:
        'Of those, tickets past their acknowledgement deadline unacknowledged, or past their resolution deadline.',
    }),
    medianHoursToAcknowledge: t.exposeFloat('medianHoursToAcknowledge', {
      nullable: true,
      description: 'Median hours from opening to acknowledgement, over tickets acknowledged in the period.',
    }),
    medianHoursToResolve: t.exposeFloat('medianHoursToResolve', {
      nullable: true,
      description: 'Median hours from opening to resolution, over tickets resolved in the period.',
    }),
  }),
});

const PeriodRef = builder.objectRef<LoyaltyPeriod & { currency: string }>('LoyaltyPeriod').implement({
  description: 'One period of a loyalty report.',
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime', description: 'First instant of the period (UTC).' }),
    end: t.expose('end', { type: 'DateTime', description: 'First instant after the period.' }),
    nps: t.field({ type: NpsRef, description: 'Net Promoter Score.', resolve: (p) => p.nps }),
    csat: t.field({ type: CsatRef, description: 'Satisfaction.', resolve: (p) => p.csat }),
    tracker: t.field({ type: TrackerRef, description: 'Loyalty-tracker questions.', resolve: (p) => p.tracker }),
    purchases: t.field({
      type: PurchasesRef,
      description: 'Purchase behaviour.',
      resolve: (p) => ({ ...p.purchases, currency: p.currency }),
    }),
    engagement: t.field({ type: EngagementRef, description: 'Engagement index.', resolve: (p) => p.engagement }),
    tickets: t.field({ type: TicketFiguresRef, description: 'Service recovery.', resolve: (p) => p.tickets }),
  }),
});

builder.queryField('loyaltyReport', (t) =>
  t.field({
    type: [PeriodRef],
    description:
      'Loyalty figures per period (computed in PostgreSQL): NPS with margin of error, CSAT, the tracker, purchases and retention.',
    args: {
      scope: t.arg({ type: ReportScope, description: 'Whom it covers.' }),
      from: t.arg({
        type: 'DateTime',
        required: true,
        description: 'Start (inclusive); the first period starts at the period containing it.',
      }),
      to: t.arg({
        type: 'DateTime',
        required: true,
        description:
          'End (exclusive): the last period is the one containing the instant before `to`, and it is counted whole, like every period, so that periods compare with each other (a `to` of 15 March reports all of March). At most three years after from.',
      }),
      granularity: t.arg({ type: Granularity, defaultValue: 'month', description: 'Period length; MONTH by default.' }),
      currency: t.arg.string({
        defaultValue: 'EUR',
        description: 'Purchases in this currency only (amounts are never mixed).',
      }),
      timeZone: t.arg.string({
        defaultValue: 'UTC',
        description:
          'IANA time zone (e.g. Europe/Amsterdam) whose local midnights start the periods (weeks on Monday, months, quarters); UTC by default. start and end are instants.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      allow(ctx, 'report.read');
      const currency = (args.currency ?? 'EUR').toUpperCase();
      const scope = await reportScope(ctx, args.scope);
      const periods = await withStatementTimeout(ctx.em, ctx.settings.reportTimeoutMs ?? 120_000, (tx) =>
        loyaltyReport(tx, {
          scope,
          from: args.from,
          to: args.to,
          granularity: args.granularity ?? 'month',
          currency,
          timeZone: args.timeZone ?? 'UTC',
        }),
      );
      return periods.map((period) => ({ ...period, currency }));
    },
  }),
);
