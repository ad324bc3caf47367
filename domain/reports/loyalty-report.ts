import type { EntityManager } from '@mikro-orm/postgresql';
import {
  customerLifetimeValue,
  engagementIndex,
  engagementTargets,
  type NpsCounts,
  netPromoterScore,
  npsMarginOfError,
  ratio,
  retentionRate,
} from '../loyalty/kpi-formulas.ts';
import { ValidationError } from '../shared/errors.ts';
import { assertTimeZone } from '../shared/time-zone.ts';
import { type ReportScope, type ScopeSql, scopeSql } from './report-scope.ts';

export type Granularity = 'week' | 'month' | 'quarter';

export interface TrackerKpi {
  n: number;
  average: number | null;
  /** Share of answers of 4 or 5 on the 1-5 scale. */
  topTwoBoxShare: number | null;
}

export interface LoyaltyPeriod {
  start: Date;
  end: Date;
  nps: NpsCounts & { n: number; score: number | null; marginOfError: number | null };
  csat: { n: number; satisfied: number; percent: number | null };
  tracker: { keepBuying: TrackerKpi; buyMore: TrackerKpi; brandImage: TrackerKpi; needsMet: TrackerKpi };
  purchases: {
    activeCustomers: number;
    newCustomers: number;
    transactions: number;
    revenueMinor: number;
    repeatPurchaseRatio: number | null;
    upsellRatio: number | null;
    salesPerCustomerMinor: number | null;
    spendPerTransactionMinor: number | null;
    retentionRate: number | null;
    churnRate: number | null;
    customerLifetimeValueMinor: number | null;
  };
  engagement: { index: number | null; recency: number | null; frequency: number | null; participation: number | null };
  tickets: {
    opened: number;
    openAtEnd: number;
    overdueAtEnd: number;
    medianHoursToAcknowledge: number | null;
    medianHoursToResolve: number | null;
  };
}

const steps: Record<Granularity, string> = { week: '1 week', month: '1 month', quarter: '3 months' };
const periodDays: Record<Granularity, number> = { week: 7, month: 365.25 / 12, quarter: 365.25 / 4 };

type Row = Record<string, string | number | Date | null>;
const num = (value: unknown) => Number(value ?? 0);

const trackerColumns = ['intent_keep_buying', 'intent_buy_more', 'brand_image', 'needs_met'] as const;
/** The answers' additive counts, named as in feedback_day (whose trigger adds the same expressions). */
const feedbackCounts: [string, string][] = [
  ['promoters', 'count(*) filter (where r.nps >= 9)'],
  ['passives', 'count(*) filter (where r.nps between 7 and 8)'],
  ['detractors', 'count(*) filter (where r.nps <= 6)'],
  ['csat_n', 'count(r.csat)'],
  ['csat_satisfied', 'count(*) filter (where r.csat >= 4)'],
  ...trackerColumns.flatMap((column): [string, string][] => [
    [`${column}_n`, `count(r.${column})`],
    [`${column}_sum`, `coalesce(sum(r.${column}), 0)`],
    [`${column}_top2`, `count(*) filter (where r.${column} >= 4)`],
  ]),
];

/**
 * The loyalty tracker as a time series, computed in PostgreSQL: no row is read into Node but one per
 * period. Everyone and one team read the rollups that triggers keep (feedback_day, team_month for
 * months, customer_month for quarters, customer_first_purchase); a set of customers (one customer,
 * an account, a segment) reads its own rows through their customer indexes; weeks read purchases. Periods are whole calendar weeks (from Monday), months or
 * quarters in UTC, from the one containing `from` to the one containing the instant before `to`.
 */
export async function loyaltyReport(
  em: EntityManager,
  options: {
    scope: ReportScope;
    from: Date;
    to: Date;
    granularity: Granularity;
    currency: string;
    /** IANA time zone whose local midnights start the periods; UTC when left out. */
    timeZone?: string;
  },
): Promise<LoyaltyPeriod[]> {
  const { from, to, granularity, timeZone = 'UTC' } = options;
  assertTimeZone(timeZone, 'timeZone');
  if (!(from < to)) throw new ValidationError('from must be before to', 'from');
  const spanDays = (to.getTime() - from.getTime()) / 86_400_000;
  if (spanDays > 3 * 366) throw new ValidationError('the report spans at most three years', 'to');
  const utc = timeZone === 'UTC';
  const scope = scopeSql(em, options.scope);
  // The rollups are kept by UTC day and month: periods in another zone are counted from the rows.
  const query: Query = { ...options, scope: utc ? scope : { ...scope, byTeam: false }, zone: `'${timeZone}'`, utc };
  const [feedback, purchases, tickets] = await Promise.all([
    feedbackRows(em, query),
    purchaseRows(em, query),
    ticketRows(em, query),
  ]);
  const byStart = (rows: Row[]) => new Map(rows.map((row) => [new Date(row.start as string).getTime(), row]));
  const purchasesByStart = byStart(purchases);
  const ticketsByStart = byStart(tickets);
  const years = periodDays[granularity] / 365.25;

  return feedback.map((row) => {
    const counts = { promoters: num(row.promoters), passives: num(row.passives), detractors: num(row.detractors) };
    const n = counts.promoters + counts.passives + counts.detractors;
    const tracker = (column: string): TrackerKpi => {
      const answers = num(row[`${column}_n`]);
      return {
        n: answers,
        average: ratio(num(row[`${column}_sum`]), answers),
        topTwoBoxShare: ratio(num(row[`${column}_top2`]), answers),
      };
    };
    const start = new Date(row.start as string);
    const p = purchasesByStart.get(start.getTime()) ?? {};
    const t = ticketsByStart.get(start.getTime()) ?? {};
    const active = num(p.active);
    const retention = retentionRate(num(p.at_start), active, num(p.new_customers));
    const salesPerCustomer = ratio(num(p.revenue), active);
    const known = num(p.known);
    const parts = known
      ? {
          recency: active / known,
          frequency: (ratio(num(p.transactions), active) ?? 0) / (engagementTargets.purchasesPerYear * years),
          participation: n / (known * engagementTargets.answersPerYear * years),
        }
      : null;
    return {
      start,
      end: new Date(row.end as string),
      nps: { ...counts, n, score: netPromoterScore(counts), marginOfError: npsMarginOfError(counts) },
      csat: {
        n: num(row.csat_n),
        satisfied: num(row.csat_satisfied),
        percent: ratio(100 * num(row.csat_satisfied), num(row.csat_n)),
      },
      tracker: {
        keepBuying: tracker('intent_keep_buying'),
        buyMore: tracker('intent_buy_more'),
        brandImage: tracker('brand_image'),
        needsMet: tracker('needs_met'),
      },
      purchases: {
        activeCustomers: active,
        newCustomers: num(p.new_customers),
        transactions: num(p.transactions),
        revenueMinor: num(p.revenue),
        repeatPurchaseRatio: ratio(num(p.repeaters), active),
        upsellRatio: ratio(num(p.multi), num(p.single)),
        salesPerCustomerMinor: salesPerCustomer,
        spendPerTransactionMinor: ratio(num(p.revenue), num(p.transactions)),
        retentionRate: retention,
        churnRate: retention === null ? null : 1 - retention,
        customerLifetimeValueMinor:
          salesPerCustomer === null ? null : customerLifetimeValue(salesPerCustomer, 1 / years),
      },
      engagement: parts
        ? { index: engagementIndex(parts), ...parts }
        : { index: null, recency: null, frequency: null, participation: null },
      tickets: {
        opened: num(t.opened),
        openAtEnd: num(t.open_at_end),
        overdueAtEnd: num(t.overdue_at_end),
        medianHoursToAcknowledge: t.ack_hours == null ? null : num(t.ack_hours),
        medianHoursToResolve: t.resolve_hours == null ? null : num(t.resolve_hours),
      },
    };
  });
}

interface Query {
  scope: ScopeSql;
  from: Date;
  to: Date;
  granularity: Granularity;
  currency: string;
  /** The time zone as a SQL literal (checked against the IANA names by assertTimeZone). */
  zone: string;
  /** Whether the zone is UTC, the zone of the rollups' days and months. */
  utc: boolean;
}

/** The report's periods, with `before` more in front of the first (the previous period gives "customers at the start"). */
function periods(granularity: Granularity, zone: string, before = 0) {
  const step = steps[granularity];
  // Generated on the local clock and turned into instants, so that each period starts at local
  // midnight even across a daylight-saving change.
  return `periods as (
      select p at time zone ${zone} as start, (p + interval '${step}') at time zone ${zone} as "end"
        from generate_series(date_trunc('${granularity}', ?::timestamptz at time zone ${zone}) - ${before} * interval '${step}',
                             (?::timestamptz - interval '1 microsecond') at time zone ${zone}, interval '${step}') p),
    bounds as (select min(start) as lo, max("end") as hi from periods)`;
}

/** The local date of an instant. */
const localDate = (column: string, zone: string) => `(${column} at time zone ${zone})::date`;
/** The start of the period of an instant. */
const periodOf = (granularity: Granularity, column: string, zone: string) =>
  `date_trunc('${granularity}', ${column}, ${zone})`;
/** The start of the period of a local date. */
const periodOfDate = (granularity: Granularity, column: string, zone: string) =>
  `(date_trunc('${granularity}', ${column}::timestamp) at time zone ${zone})`;

function feedbackRows(em: EntityManager, { scope, from, to, granularity, zone }: Query): Promise<Row[]> {
  const columns = feedbackCounts.map(([column]) => column);
  const days = scope.byTeam
    ? `select d.day, ${columns.map((c) => `d.${c}`).join(', ')} from feedback_day d, bounds
        where d.day >= ${localDate('bounds.lo', zone)} and d.day < ${localDate('bounds.hi', zone)} ${scope.team('d')}`
    : `select ${localDate('r.submitted_at', zone)} as day, ${feedbackCounts.map(([c, e]) => `${e} as ${c}`).join(', ')}
         from feedback r, bounds where r.submitted_at >= bounds.lo and r.submitted_at < bounds.hi ${scope.customer('r')}
        group by 1`;
  return em.getConnection().execute<Row[]>(
    `with ${periods(granularity, zone)}, days as (${days})
     select periods.start, periods."end", ${columns.map((c) => `coalesce(sum(days.${c}), 0) as ${c}`).join(', ')}
       from periods left join days on ${periodOfDate(granularity, 'days.day', zone)} = periods.start
      group by periods.start, periods."end" order by periods.start`,
    [from, to, ...scope.params],
  );
}

/** One row per customer and period they bought in: n purchases, distinct products (1 or 2+), spend. */
function customerPeriods({ scope, granularity, zone, utc }: Query): string {
  // customer_month holds UTC months: weeks, and periods in another zone, come from the purchases.
  if (granularity === 'week' || !utc) {
    return `select ${periodOf(granularity, 'p.purchased_at', zone)} as period, p.customer_id, count(*) as n,
                   count(distinct p.product_id) as products, sum(p.amount_minor) as spend
              from purchase p, bounds
             where p.currency = ? and p.purchased_at >= bounds.lo and p.purchased_at < bounds.hi ${scope.customer('p')}
             group by 1, 2`;
  }
  const rows = `from customer_month m, bounds
     where m.currency = ? and m.month >= ${localDate('bounds.lo', zone)} and m.month < ${localDate('bounds.hi', zone)} ${scope.team('m')}`;
  if (granularity === 'month') {
    return `select ${periodOfDate('month', 'm.month', zone)} as period, m.customer_id, m.transactions as n,
                   cardinality(m.product_ids) as products, m.revenue_minor as spend ${rows}`;
  }
  // Over a quarter a customer bought 2+ distinct products when one month had two, or single-product
  // months differ: enough for the upsell ratio without unnesting the months' product lists.
  return `select ${periodOfDate('quarter', 'm.month', zone)} as period, m.customer_id, sum(m.transactions) as n,
                 case when bool_or(cardinality(m.product_ids) >= 2) or min(m.product_ids[1]) <> max(m.product_ids[1])
                      then 2 else 1 end as products,
                 sum(m.revenue_minor) as spend
            ${rows}
           group by 1, 2`;
}

/** Per period: active, repeat, multi- and single-product customers, transactions, revenue. */
function purchaseTotals(query: Query): string {
  const { scope, granularity, zone } = query;
  if (granularity === 'month' && scope.byTeam) {
    return `select ${periodOfDate('month', 'tm.month', zone)} as period, sum(tm.active_customers) as active,
                   sum(tm.repeat_customers) as repeaters, sum(tm.multi_product_customers) as multi,
                   sum(tm.single_product_customers) as single, sum(tm.transactions) as transactions,
                   sum(tm.revenue_minor) as revenue
              from team_month tm, bounds
             where tm.currency = ? and tm.month >= ${localDate('bounds.lo', zone)} and tm.month < ${localDate('bounds.hi', zone)} ${scope.team('tm')}
             group by 1`;
  }
  return `select period, count(*) as active, count(*) filter (where n >= 2) as repeaters,
                 count(*) filter (where products >= 2) as multi, count(*) filter (where products = 1) as single,
                 sum(n) as transactions, sum(spend) as revenue
            from (${customerPeriods(query)}) per_customer group by period`;
}

function purchaseRows(em: EntityManager, query: Query): Promise<Row[]> {
  const { scope, from, to, granularity, currency, zone } = query;
  return em.getConnection().execute<Row[]>(
    `with ${periods(granularity, zone, 1)},
     totals as (${purchaseTotals(query)}),
     -- First purchases in this currency (customers known to it from then on), and of those the
     -- customers new in the period: no purchase in any currency before the period began.
     firsts as (select ${periodOf(granularity, 'f.first_purchase_at', zone)} as period, count(*) as n,
                       count(*) filter (where not exists (
                         select 1 from customer_first_purchase g where g.customer_id = f.customer_id
                            and g.first_purchase_at < ${periodOf(granularity, 'f.first_purchase_at', zone)})) as brand_new
                  from customer_first_purchase f, bounds
                 where f.currency = ? and f.first_purchase_at >= bounds.lo and f.first_purchase_at < bounds.hi ${scope.team('f')}
                 group by 1),
     known_before as (select count(*) as n from customer_first_purchase f, bounds
                       where f.currency = ? and f.first_purchase_at < bounds.lo ${scope.team('f')})
     select periods.start, coalesce(t.active, 0) as active, coalesce(t.repeaters, 0) as repeaters,
            coalesce(t.multi, 0) as multi, coalesce(t.single, 0) as single, coalesce(t.transactions, 0) as transactions,
            coalesce(t.revenue, 0) as revenue, coalesce(firsts.brand_new, 0) as new_customers,
            coalesce(lag(t.active) over (order by periods.start), 0) as at_start,
            (select n from known_before) + sum(coalesce(firsts.n, 0)) over (order by periods.start) as known
       from periods left join totals t on t.period = periods.start left join firsts on firsts.period = periods.start
      order by periods.start`,
    [from, to, currency, ...scope.params, currency, ...scope.params, currency, ...scope.params],
  );
}

/**
 * Tickets per period: opened in it; still open (not resolved) and overdue (past a due time it had
 * not met) at its end; median hours from opening to acknowledgement and to resolution, over the
 * tickets acknowledged or resolved in it.
 */
function ticketRows(em: EntityManager, { scope, from, to, granularity, zone }: Query): Promise<Row[]> {
  const during = (column: string) => `${periodOf(granularity, `t.${column}`, zone)}`;
  const median = (column: string) =>
    `select ${during(column)} as period,
            percentile_cont(0.5) within group (order by extract(epoch from t.${column} - t.created_at) / 3600) as hours
       from t, bounds where t.${column} >= bounds.lo and t.${column} < bounds.hi group by 1`;
  // The scope's tickets alive during the range, read once; every figure is a pass over them. A
  // team's tickets are its customers' tickets, as they are now (a moved customer's history moves
  // with them, as their purchases and answers do), not the team a ticket was opened for.
  return em.getConnection().execute<Row[]>(
    `with ${periods(granularity, zone)},
     t as materialized (select t.created_at, t.acknowledged_at, t.resolved_at, t.ack_due_at, t.resolve_due_at
                          from ticket t, bounds
                         where t.created_at < bounds.hi and (t.resolved_at is null or t.resolved_at >= bounds.lo)
                               ${scope.customer('t')}),
     opened as (select ${during('created_at')} as period, count(*) as n from t, bounds
                 where t.created_at >= bounds.lo group by 1),
     acknowledged as (${median('acknowledged_at')}),
     resolved as (${median('resolved_at')}),
     alive as (select periods.start, count(*) as open,
                      count(*) filter (where (t.ack_due_at < periods."end"
                                              and (t.acknowledged_at is null or t.acknowledged_at >= periods."end"))
                                             or t.resolve_due_at < periods."end") as overdue
                 from periods join t on t.created_at < periods."end"
                                    and (t.resolved_at is null or t.resolved_at >= periods."end")
                group by periods.start)
     select periods.start, coalesce(opened.n, 0) as opened, coalesce(alive.open, 0) as open_at_end,
            coalesce(alive.overdue, 0) as overdue_at_end, acknowledged.hours as ack_hours, resolved.hours as resolve_hours
       from periods left join opened on opened.period = periods.start left join alive on alive.start = periods.start
            left join acknowledged on acknowledged.period = periods.start left join resolved on resolved.period = periods.start
      order by periods.start`,
    [from, to, ...scope.params],
  );
}
