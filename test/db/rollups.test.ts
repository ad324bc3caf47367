import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { compactFeedbackDays } from '../../domain/reports/rollup-maintenance.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeProduct, makeTeam } from '../support/factories.ts';

const db = useTestDatabase();

/** The rollups as they would be if recomputed from every raw row: what the triggers must keep them equal to. */
const recomputed = {
  months: `select customer_id, currency, month, team_id, transactions, revenue_minor, product_ids from customer_month
           order by 1, 2, 3`,
  monthsFromRaw: `select p.customer_id, p.currency, date_trunc('month', p.purchased_at at time zone 'UTC')::date as month,
                         c.team_id, count(*)::int as transactions, sum(p.amount_minor) as revenue_minor,
                         array_agg(distinct p.product_id order by p.product_id) as product_ids
                    from purchase p join customer c on c.id = p.customer_id group by 1, 2, 3, 4 order by 1, 2, 3`,
  firsts: 'select customer_id, currency, team_id, first_purchase_at from customer_first_purchase order by 1, 2',
  firstsFromRaw: `select p.customer_id, p.currency, c.team_id, min(p.purchased_at) as first_purchase_at
                    from purchase p join customer c on c.id = p.customer_id group by 1, 2, 3 order by 1, 2`,
  teamMonths: `select team_id, currency, month, active_customers, repeat_customers, multi_product_customers,
                      single_product_customers, transactions, revenue_minor
                 from team_month where active_customers > 0 order by 1, 2, 3`,
  teamMonthsFromMonths: `select team_id, currency, month, count(*)::int as active_customers,
                                count(*) filter (where transactions >= 2)::int as repeat_customers,
                                count(*) filter (where cardinality(product_ids) >= 2)::int as multi_product_customers,
                                count(*) filter (where cardinality(product_ids) = 1)::int as single_product_customers,
                                sum(transactions)::int as transactions, sum(revenue_minor) as revenue_minor
                           from customer_month group by 1, 2, 3 order by 1, 2, 3`,
  // A team's day is the sum of its sessions' rows (its shards).
  days: `select team_id, day, sum(promoters)::int as promoters, sum(passives)::int as passives,
                sum(detractors)::int as detractors, sum(csat_n)::int as csat_n, sum(csat_satisfied)::int as csat_satisfied,
                sum(brand_image_n)::int as brand_image_n, sum(brand_image_sum)::int as brand_image_sum
           from feedback_day group by 1, 2
          having sum(promoters + passives + detractors + csat_n + brand_image_n) > 0 order by 1, 2`,
  daysFromRaw: `select c.team_id, (f.submitted_at at time zone 'UTC')::date as day,
                       count(*) filter (where f.nps >= 9)::int as promoters,
                       count(*) filter (where f.nps between 7 and 8)::int as passives,
                       count(*) filter (where f.nps <= 6)::int as detractors, count(f.csat)::int as csat_n,
                       count(*) filter (where f.csat >= 4)::int as csat_satisfied,
                       count(f.brand_image)::int as brand_image_n, coalesce(sum(f.brand_image), 0)::int as brand_image_sum
                  from feedback f join customer c on c.id = f.customer_id group by 1, 2 order by 1, 2`,
  latestNps: 'select id, latest_nps, latest_nps_at from customer order by id',
  latestNpsFromRaw: `select c.id, l.nps as latest_nps, l.submitted_at as latest_nps_at from customer c
                       left join lateral (select nps, submitted_at from feedback where customer_id = c.id and nps is not null
                                           order by submitted_at desc, id desc limit 1) l on true order by c.id`,
};

describe('analytics rollups', () => {
  it('equal a recomputation from the raw rows after single and multi-row inserts, back-dated rows and a team move (latest NPS too)', async () => {
    const em = db.orm.em.fork();
    const [north, south] = [await makeTeam(em), await makeTeam(em)];
    const customers = [await makeCustomer(em, north), await makeCustomer(em, north), await makeCustomer(em, south)];
    const products = [await makeProduct(em), await makeProduct(em)];
    const sql = em.getConnection();
    let n = 0;
    const purchase = (customer: number, product: number, amount: number, currency: string, at: string) =>
      `(${customers[customer]?.id}, ${products[product]?.id}, 1, ${amount}, '${currency}', '${at}', now(), 'k${n++}')`;
    const insertPurchases = (rows: string[]) =>
      sql.execute(
        `insert into purchase (customer_id, product_id, quantity, amount_minor, currency, purchased_at, created_at, idempotency_key)
         values ${rows.join(', ')}`,
      );
    await insertPurchases([purchase(0, 0, 1000, 'EUR', '2026-03-10T10:00:00Z')]);
    await insertPurchases([
      purchase(0, 1, 500, 'EUR', '2026-03-31T23:59:59Z'),
      purchase(0, 0, 700, 'EUR', '2026-03-15T00:00:00Z'),
      purchase(1, 1, 900, 'USD', '2026-04-01T00:00:00Z'),
      purchase(2, 0, 100, 'EUR', '2026-04-02T00:00:00Z'),
    ]);
    // Back-dated: becomes customer 0's first purchase.
    await insertPurchases([purchase(0, 1, 300, 'EUR', '2025-12-24T12:00:00Z')]);
    const answer = (customer: number, nps: string, csat: string, brand: string, at: string) =>
      `(${customers[customer]?.id}, ${nps}, ${csat}, ${brand}, 'WEB', '${at}', 'f${n++}', now())`;
    const insertAnswers = (rows: string[]) =>
      sql.execute(
        `insert into feedback (customer_id, nps, csat, brand_image, channel, submitted_at, idempotency_key, created_at)
         values ${rows.join(', ')}`,
      );
    await insertAnswers([answer(0, '10', '5', '4', '2026-03-10T08:00:00Z')]);
    await insertAnswers([
      answer(0, '6', 'null', '2', '2026-03-10T22:00:00Z'),
      answer(1, '8', '3', 'null', '2026-03-11T00:00:00Z'),
      answer(2, 'null', '4', '5', '2026-03-11T00:00:00Z'),
    ]);
    // Back-dated: counted on its day, but customer 0's latest NPS stays the 6 of March.
    await insertAnswers([answer(0, '3', 'null', 'null', '2026-01-05T00:00:00Z')]);

    const check = async () => {
      expect(await sql.execute(recomputed.months)).toEqual(await sql.execute(recomputed.monthsFromRaw));
      expect(await sql.execute(recomputed.firsts)).toEqual(await sql.execute(recomputed.firstsFromRaw));
      expect(await sql.execute(recomputed.days)).toEqual(await sql.execute(recomputed.daysFromRaw));
      expect(await sql.execute(recomputed.teamMonths)).toEqual(await sql.execute(recomputed.teamMonthsFromMonths));
      expect(await sql.execute(recomputed.latestNps)).toEqual(await sql.execute(recomputed.latestNpsFromRaw));
    };
    await check();
    const [march] = await sql.execute(
      `select transactions, revenue_minor, product_ids from customer_month where customer_id = ? and month = '2026-03-01'`,
      [customers[0]?.id],
    );
    expect(march).toEqual({ transactions: 3, revenue_minor: '2200', product_ids: [products[0]?.id, products[1]?.id] });

    // Customer 0 moves south: their history goes with them.
    await sql.execute('update customer set team_id = ? where id = ?', [south.id, customers[0]?.id]);
    await check();
    const [lastPurchase] = await sql.execute('select last_purchase_at from customer where id = ?', [customers[0]?.id]);
    expect(new Date(lastPurchase?.last_purchase_at).toISOString()).toBe('2026-03-31T23:59:59.000Z');
  });

  it('keep a team’s day apart per session and fold the past days together without changing a sum', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const [one, other] = [await makeCustomer(em, team), await makeCustomer(em, team)];
    const answer = (customerId: number) =>
      `insert into feedback (customer_id, nps, channel, submitted_at, idempotency_key, created_at)
       values (${customerId}, 9, 'WEB', '2026-02-02T10:00:00Z', 'shard-${customerId}', now())`;
    // Two sessions at once, the first in an open transaction: the second does not wait for its row.
    const a = new pg.Client({ connectionString: db.url });
    const b = new pg.Client({ connectionString: db.url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('begin');
      await a.query(answer(one.id));
      await b.query("set lock_timeout = '1s'");
      await b.query(answer(other.id)); // the same team and day: it would wait for a's row without shards
      await a.query('commit');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    const rows = () =>
      em
        .getConnection()
        .execute('select shard, promoters from feedback_day where team_id = ? order by shard', [team.id]);
    expect((await rows()).map((r) => r.promoters)).toEqual([1, 1]);
    await compactFeedbackDays(em);
    expect(await rows()).toEqual([{ shard: 0, promoters: 2 }]);
    expect(await em.getConnection().execute(recomputed.days)).toEqual(
      await em.getConnection().execute(recomputed.daysFromRaw),
    );
  });
});
