import { Migration } from '@mikro-orm/migrations';

// A customer-month row's contribution to its team's month, times p_sign.
const contribution = `
  select r.team_id, r.currency, r.month, p_sign as active_customers,
         p_sign * (r.transactions >= 2)::int as repeat_customers,
         p_sign * (cardinality(r.product_ids) >= 2)::int as multi_product_customers,
         p_sign * (cardinality(r.product_ids) = 1)::int as single_product_customers,
         p_sign * r.transactions as transactions, p_sign * r.revenue_minor as revenue_minor
    from unnest(p_rows) r`;
const columns = [
  'active_customers',
  'repeat_customers',
  'multi_product_customers',
  'single_product_customers',
  'transactions',
  'revenue_minor',
];

/**
 * team_month: purchase figures per team, currency and month, kept from customer_month's changes by
 * statement-level triggers (an upsert there fires the INSERT trigger for new customer-months and the
 * UPDATE trigger, with the rows before and after, for the others; a team move is an UPDATE too).
 */
export class Migration20261126173219_TeamMonthRollup extends Migration {
  override name = 'Migration20261126173219_TeamMonthRollup';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "team_month" ("team_id" int not null, "currency" varchar(3) not null, "month" date not null, "active_customers" int not null default 0, "repeat_customers" int not null default 0, "multi_product_customers" int not null default 0, "single_product_customers" int not null default 0, "transactions" int not null default 0, "revenue_minor" bigint not null default '0', primary key ("team_id", "currency", "month"));`,
    );
    this.addSql(
      `alter table "team_month" add constraint "team_month_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );
    this.addSql(`create function team_month_add(p_sign int, p_rows customer_month[]) returns void language sql as $$
        insert into team_month as t (team_id, currency, month, ${columns.join(', ')})
        select team_id, currency, month, ${columns.map((c) => `sum(${c})`).join(', ')}
          from (${contribution}) c group by 1, 2, 3
        on conflict (team_id, currency, month) do update
          set ${columns.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}
      $$;`);
    this.addSql(`create function customer_month_inserted() returns trigger language plpgsql as $$
      begin
        perform team_month_add(1, array_agg(n::customer_month)) from new_rows n having count(*) > 0;
        return null;
      end $$;`);
    this.addSql(`create function customer_month_updated() returns trigger language plpgsql as $$
      begin
        perform team_month_add(-1, array_agg(o::customer_month)) from old_rows o having count(*) > 0;
        perform team_month_add(1, array_agg(n::customer_month)) from new_rows n having count(*) > 0;
        return null;
      end $$;`);
    this.addSql(`create trigger customer_month_inserted after insert on customer_month referencing new table as new_rows
      for each statement execute function customer_month_inserted();`);
    this.addSql(`create trigger customer_month_updated after update on customer_month
      referencing old table as old_rows new table as new_rows
      for each statement execute function customer_month_updated();`);
    this.addSql(`insert into team_month (team_id, currency, month, ${columns.join(', ')})
      select team_id, currency, month, count(*), count(*) filter (where transactions >= 2),
             count(*) filter (where cardinality(product_ids) >= 2), count(*) filter (where cardinality(product_ids) = 1),
             sum(transactions), sum(revenue_minor)
        from customer_month group by 1, 2, 3;`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop trigger customer_month_inserted on customer_month;');
    this.addSql('drop trigger customer_month_updated on customer_month;');
    this.addSql('drop function customer_month_inserted(), customer_month_updated();');
    this.addSql('drop function team_month_add(int, customer_month[]);');
    this.addSql('drop table if exists "team_month" cascade;');
  }
}
