import { Migration } from '@mikro-orm/migrations';

// The answers' additive counts, as "<column> = <expression over r>" pairs. Written out here, not
// imported, so that this migration stays what it was when it ran.
const trackerColumns = ['intent_keep_buying', 'intent_buy_more', 'brand_image', 'needs_met'];
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
const columns = feedbackCounts.map(([column]) => column).join(', ');
const signed = feedbackCounts.map(([, expression]) => `p_sign * ${expression}`).join(', ');
const plain = feedbackCounts.map(([, expression]) => expression).join(', ');
const accumulate = feedbackCounts.map(([column]) => `${column} = d.${column} + excluded.${column}`).join(', ');
const utcDay = (column: string) => `(${column} at time zone 'UTC')::date`;
const utcMonth = (column: string) => `date_trunc('month', ${column} at time zone 'UTC')::date`;

/**
 * Keeps the analytics rollups (customer_month, customer_first_purchase, feedback_day,
 * customer.last_purchase_at) in the writing transaction itself, whatever writes: the API, the bulk
 * import or SQL by hand. Statement-level triggers with transition tables cost one statement per
 * insert statement, not one per row, so a 1,000-row import batch updates the rollups once.
 */
export class Migration20261126171500_AnalyticsRollups extends Migration {
  override name = 'Migration20261126171500_AnalyticsRollups';

  override up(): void | Promise<void> {
    this.addSql(`create function feedback_day_add(p_team int, p_sign int, p_rows feedback[]) returns void
      language sql as $$
        insert into feedback_day as d (team_id, day, ${columns})
        select p_team, ${utcDay('r.submitted_at')}, ${signed} from unnest(p_rows) r group by 2
        on conflict (team_id, day) do update set ${accumulate}
      $$;`);
    this.addSql(`create function purchase_rollup() returns trigger language plpgsql as $$
      begin
        insert into customer_month as m (customer_id, currency, month, team_id, transactions, revenue_minor, product_ids)
        select n.customer_id, n.currency, ${utcMonth('n.purchased_at')}, c.team_id, count(*), sum(n.amount_minor),
               array_agg(distinct n.product_id order by n.product_id)
          from new_rows n join customer c on c.id = n.customer_id
         group by 1, 2, 3, 4
        on conflict (customer_id, currency, month) do update
          set transactions = m.transactions + excluded.transactions,
              revenue_minor = m.revenue_minor + excluded.revenue_minor,
              product_ids = array(select distinct x from unnest(m.product_ids || excluded.product_ids) x order by x);
        insert into customer_first_purchase as f (customer_id, currency, team_id, first_purchase_at)
        select n.customer_id, n.currency, c.team_id, min(n.purchased_at)
          from new_rows n join customer c on c.id = n.customer_id group by 1, 2, 3
        on conflict (customer_id, currency) do update set first_purchase_at = excluded.first_purchase_at
          where excluded.first_purchase_at < f.first_purchase_at;
        update customer c set last_purchase_at = l.latest
          from (select customer_id, max(purchased_at) as latest from new_rows group by 1) l
         where c.id = l.customer_id and (c.last_purchase_at is null or c.last_purchase_at < l.latest);
        return null;
      end $$;`);
    this.addSql(`create trigger purchase_rollup after insert on purchase referencing new table as new_rows
      for each statement execute function purchase_rollup();`);
    this.addSql(`create function feedback_rollup() returns trigger language plpgsql as $$
      begin
        perform feedback_day_add(c.team_id, 1, array_agg(n::feedback))
           from new_rows n join customer c on c.id = n.customer_id group by c.team_id;
        return null;
      end $$;`);
    this.addSql(`create trigger feedback_rollup after insert on feedback referencing new table as new_rows
      for each statement execute function feedback_rollup();`);
    // History follows the customer: moving a customer to another team moves their rollup rows with them.
    this.addSql(`create function customer_team_rollup() returns trigger language plpgsql as $$
      begin
        update customer_month set team_id = new.team_id where customer_id = new.id;
        update customer_first_purchase set team_id = new.team_id where customer_id = new.id;
        perform feedback_day_add(old.team_id, -1, array_agg(f)) from feedback f where f.customer_id = new.id having count(*) > 0;
        perform feedback_day_add(new.team_id, 1, array_agg(f)) from feedback f where f.customer_id = new.id having count(*) > 0;
        return null;
      end $$;`);
    this.addSql(`create trigger customer_team_rollup after update of team_id on customer
      for each row when (old.team_id is distinct from new.team_id) execute function customer_team_rollup();`);

    // Rows written before this migration.
    this.addSql(`insert into customer_month (customer_id, currency, month, team_id, transactions, revenue_minor, product_ids)
      select p.customer_id, p.currency, ${utcMonth('p.purchased_at')}, c.team_id, count(*), sum(p.amount_minor),
             array_agg(distinct p.product_id order by p.product_id)
        from purchase p join customer c on c.id = p.customer_id group by 1, 2, 3, 4;`);
    this.addSql(`insert into customer_first_purchase (customer_id, currency, team_id, first_purchase_at)
      select p.customer_id, p.currency, c.team_id, min(p.purchased_at)
        from purchase p join customer c on c.id = p.customer_id group by 1, 2, 3;`);
    this.addSql(`update customer c set last_purchase_at = l.latest
      from (select customer_id, max(purchased_at) as latest from purchase group by 1) l where c.id = l.customer_id;`);
    this.addSql(`insert into feedback_day (team_id, day, ${columns})
      select c.team_id, ${utcDay('r.submitted_at')}, ${plain}
        from feedback r join customer c on c.id = r.customer_id group by 1, 2;`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop trigger purchase_rollup on purchase;');
    this.addSql('drop trigger feedback_rollup on feedback;');
    this.addSql('drop trigger customer_team_rollup on customer;');
    this.addSql('drop function purchase_rollup(), feedback_rollup(), customer_team_rollup();');
    this.addSql('drop function feedback_day_add(int, int, feedback[]);');
    this.addSql('truncate customer_month, customer_first_purchase, feedback_day;');
    this.addSql('update customer set last_purchase_at = null;');
  }
}
