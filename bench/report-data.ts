import type pg from 'pg';

export interface ReportDataSize {
  customers: number;
  purchases: number;
  feedback: number;
  teams: number;
}

/**
 * Fills an empty, migrated database with a synthetic year of history for the report benchmark,
 * generated inside PostgreSQL (generate_series) so that millions of rows take seconds, through the
 * same tables and triggers as the product's own writes. Deterministic: setseed fixes the random data.
 */
export async function generateReportData(client: pg.Client, size: ReportDataSize, end: Date) {
  const start = new Date(end.getTime() - 365 * 86_400_000);
  await client.query('select setseed(0.42)');
  await client.query(`insert into team (name, created_at) select 'Team ' || t, now() from generate_series(1, $1) t`, [
    size.teams,
  ]);
  await client.query(
    `insert into product (sku, name, list_prices, created_at)
     select 'SKU-' || n, 'Product ' || n, jsonb_build_object('EUR', 500 + n * 250), now() from generate_series(1, 40) n`,
  );
  await client.query(
    `insert into customer (team_id, name, city, created_at, updated_at)
     select (select min(id) from team) + (n % $1), 'Customer ' || n,
            (array['Utrecht','Amsterdam','Rotterdam','Eindhoven','Groningen'])[1 + n % 5], $2::timestamptz, $2::timestamptz
       from generate_series(1, $3) n`,
    [size.teams, start, size.customers],
  );
  // Purchases skew towards a minority of frequent buyers, as real purchase histories do.
  await client.query(
    `insert into purchase (customer_id, product_id, quantity, amount_minor, currency, purchased_at, created_at)
     select c.first + floor(power(random(), 2) * $1)::int, p.first + floor(random() * 40)::int, 1,
            500 + floor(random() * 20000)::int, 'EUR', ts, ts
       from generate_series(1, $2) n,
            lateral (select $3::timestamptz + random() * interval '365 days' + n * interval '0' as ts) t,
            (select min(id) as first from customer) c, (select min(id) as first from product) p`,
    [size.customers, size.purchases, start],
  );
  await client.query(
    `insert into feedback (customer_id, nps, csat, intent_keep_buying, intent_buy_more, brand_image, needs_met,
                           channel, submitted_at, idempotency_key, created_at)
     select c.first + floor(random() * $1)::int, least(10, floor(random() * 12))::int, 1 + floor(random() * 5)::int,
            1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int,
            1 + floor(random() * 5)::int, 'WEB', ts, 'bench-' || n, ts
       from generate_series(1, $2) n,
            lateral (select $3::timestamptz + random() * interval '365 days' + n * interval '0' as ts) t,
            (select min(id) as first from customer) c`,
    [size.customers, size.feedback, start],
  );
  // Recovery tickets for one detractor answer in twenty, most acknowledged and resolved within days.
  await client.query(
    `insert into ticket (kind, status, team_id, customer_id, feedback_id, ack_due_at, resolve_due_at,
                         acknowledged_at, resolved_at, created_at, updated_at)
     select 'SERVICE_RECOVERY', case when r < 0.6 then 'RESOLVED' when r < 0.8 then 'ACKNOWLEDGED' else 'OPEN' end,
            c.team_id, f.customer_id, f.id, f.submitted_at + interval '24 hours', f.submitted_at + interval '72 hours',
            case when r < 0.8 then f.submitted_at + r * interval '30 hours' end,
            case when r < 0.6 then f.submitted_at + r * interval '120 hours' end, f.submitted_at, f.submitted_at
       from (select f.*, random() as r, random() as pick from feedback f where f.nps <= 6) f
       join customer c on c.id = f.customer_id
      where f.pick < 0.05`,
  );
  await client.query('analyze');
}
