import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from './errors.ts';
import { type NpsCounts, netPromoterScore, npsMarginOfError, ratio, retentionRate } from './metrics.ts';

export type Granularity = 'week' | 'month' | 'quarter';

export interface ReportScope {
  teamId?: number | null;
  customerId?: number | null;
}

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
  };
}

const steps: Record<Granularity, string> = { week: '1 week', month: '1 month', quarter: '3 months' };

type Row = Record<string, string | number | Date | null>;
const num = (value: unknown) => Number(value ?? 0);

/**
 * The loyalty tracker as a time series, computed in PostgreSQL (GROUP BY over date_trunc in UTC;
 * nothing row by row in Node). Periods without answers or purchases report n = 0 and null figures.
 * Purchases count in one currency; a customer counts as "at the start" of a period when they
 * bought in the period before, as new when their first purchase ever falls in the period.
 */
export async function loyaltyReport(
  em: EntityManager,
  options: { scope: ReportScope; from: Date; to: Date; granularity: Granularity; currency: string },
): Promise<LoyaltyPeriod[]> {
  const { from, to, granularity, scope, currency } = options;
  if (!(from < to)) throw new ValidationError('from must be before to', 'from');
  const step = steps[granularity];
  const spanDays = (to.getTime() - from.getTime()) / 86_400_000;
  if (spanDays > 3 * 366) throw new ValidationError('the report spans at most three years', 'to');
  const scopeSql = `${scope.teamId ? 'and c.team_id = ?' : ''} ${scope.customerId ? 'and c.id = ?' : ''}`;
  const scopeParams = [...(scope.teamId ? [scope.teamId] : []), ...(scope.customerId ? [scope.customerId] : [])];
  // `before` periods are added in front of the first: the period before gives "customers at the start".
  const periods = (before: number) => `select p as start, p + interval '${step}' as "end"
      from generate_series(date_trunc('${granularity}', ?::timestamptz, 'UTC') - ${before} * interval '${step}',
                           ?::timestamptz - interval '1 microsecond', interval '${step}') p`;
  const connection = em.getConnection();

  const kpi = (column: string) =>
    `count(f.${column}) as ${column}_n, avg(f.${column})::float as ${column}_avg, count(*) filter (where f.${column} >= 4) as ${column}_top2`;
  const feedbackRows = await connection.execute<Row[]>(
    `with periods as (${periods(0)}),
     f as (select date_trunc('${granularity}', f.submitted_at, 'UTC') as period, f.*
             from feedback f join customer c on c.id = f.customer_id
            where f.submitted_at >= ? and f.submitted_at < ? ${scopeSql})
     select periods.start, periods."end",
            count(*) filter (where f.nps >= 9) as promoters,
            count(*) filter (where f.nps between 7 and 8) as passives,
            count(*) filter (where f.nps <= 6) as detractors,
            count(f.csat) as csat_n, count(*) filter (where f.csat >= 4) as csat_satisfied,
            ${kpi('intent_keep_buying')}, ${kpi('intent_buy_more')}, ${kpi('brand_image')}, ${kpi('needs_met')}
       from periods left join f on f.period = periods.start
      group by periods.start, periods."end" order by periods.start`,
    [from, to, from, to, ...scopeParams],
  );

  // One period before `from` gives the first period its "customers at the start".
  const purchaseRows = await connection.execute<Row[]>(
    `with periods as (${periods(1)}),
     p as (select date_trunc('${granularity}', p.purchased_at, 'UTC') as period, p.customer_id, p.product_id, p.amount_minor
             from purchase p join customer c on c.id = p.customer_id
            where p.purchased_at >= date_trunc('${granularity}', ?::timestamptz, 'UTC') - interval '${step}'
              and p.purchased_at < ? and p.currency = ? ${scopeSql}),
     per_customer as (select period, customer_id, count(*) as n, count(distinct product_id) as products, sum(amount_minor) as spend
                        from p group by period, customer_id),
     firsts as (select p.customer_id, date_trunc('${granularity}', min(p.purchased_at), 'UTC') as period
                  from purchase p
                 where p.customer_id in (select customer_id from per_customer) and p.currency = ?
                 group by p.customer_id),
     totals as (select pc.period, count(*) as active, count(*) filter (where pc.n >= 2) as repeaters,
                       count(*) filter (where pc.products >= 2) as multi, count(*) filter (where pc.products = 1) as single,
                       sum(pc.n) as transactions, sum(pc.spend) as revenue,
                       count(*) filter (where firsts.period = pc.period) as new_customers
                  from per_customer pc left join firsts on firsts.customer_id = pc.customer_id
                 group by pc.period)
     select periods.start, coalesce(t.active, 0) as active, coalesce(t.repeaters, 0) as repeaters,
            coalesce(t.multi, 0) as multi, coalesce(t.single, 0) as single, coalesce(t.transactions, 0) as transactions,
            coalesce(t.revenue, 0) as revenue, coalesce(t.new_customers, 0) as new_customers,
            coalesce(lag(t.active) over (order by periods.start), 0) as at_start
       from periods left join totals t on t.period = periods.start order by periods.start`,
    [from, to, from, to, currency, ...scopeParams, currency],
  );
  const byStart = new Map(purchaseRows.slice(1).map((row) => [new Date(row.start as string).getTime(), row]));

  return feedbackRows.map((row) => {
    const counts = { promoters: num(row.promoters), passives: num(row.passives), detractors: num(row.detractors) };
    const tracker = (column: string): TrackerKpi => {
      const n = num(row[`${column}_n`]);
      return { n, average: n ? num(row[`${column}_avg`]) : null, topTwoBoxShare: ratio(num(row[`${column}_top2`]), n) };
    };
    const start = new Date(row.start as string);
    const p = byStart.get(start.getTime()) ?? {};
    const active = num(p.active);
    const retention = retentionRate(num(p.at_start), active, num(p.new_customers));
    return {
      start,
      end: new Date(row.end as string),
      nps: {
        ...counts,
        n: counts.promoters + counts.passives + counts.detractors,
        score: netPromoterScore(counts),
        marginOfError: npsMarginOfError(counts),
      },
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
        salesPerCustomerMinor: ratio(num(p.revenue), active),
        spendPerTransactionMinor: ratio(num(p.revenue), num(p.transactions)),
        retentionRate: retention,
        churnRate: retention === null ? null : 1 - retention,
      },
    };
  });
}
