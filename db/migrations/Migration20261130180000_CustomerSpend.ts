import { Migration } from '@mikro-orm/migrations';

/**
 * customer_spend: each customer's total in each currency, kept by a purchase trigger like the
 * other rollups, for the customer list's TOTAL_SPEND_DESC sort. Rows are added in (customer,
 * currency) order, so concurrent batches lock them in one order. Purchases are never changed or
 * deleted (an erased customer keeps them, anonymously), so inserts are all it follows.
 */
export class Migration20261130180000_CustomerSpend extends Migration {
  override name = 'Migration20261130180000_CustomerSpend';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "customer_spend" ("customer_id" int not null, "currency" varchar(3) not null, "total_minor" bigint not null, primary key ("customer_id", "currency"));`,
    );
    this.addSql(
      `create index "customer_spend_currency_total_minor_index" on "customer_spend" ("currency", "total_minor");`,
    );
    this.addSql(
      `alter table "customer_spend" add constraint "customer_spend_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`,
    );
    this.addSql(`insert into customer_spend (customer_id, currency, total_minor)
      select customer_id, currency, sum(amount_minor) from purchase group by customer_id, currency;`);
    this.addSql(`create function purchase_spend() returns trigger language plpgsql as $$
      begin
        insert into customer_spend (customer_id, currency, total_minor)
          select customer_id, currency, sum(amount_minor) from new_rows
           group by customer_id, currency order by customer_id, currency
        on conflict (customer_id, currency) do update set total_minor = customer_spend.total_minor + excluded.total_minor;
        return null;
      end $$;`);
    this.addSql(`create trigger purchase_spend after insert on purchase referencing new table as new_rows
      for each statement execute function purchase_spend();`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop trigger purchase_spend on purchase;');
    this.addSql('drop function purchase_spend();');
    this.addSql('drop table if exists "customer_spend" cascade;');
  }
}
