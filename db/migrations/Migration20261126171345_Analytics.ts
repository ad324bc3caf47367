import { Migration } from '@mikro-orm/migrations';

export class Migration20261126171345_Analytics extends Migration {
  override name = 'Migration20261126171345_Analytics';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "segment" ("id" serial primary key, "name" varchar(120) not null, "description" text null, "team_id" int null, "filter" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "segment" add constraint "segment_name_unique" unique ("name");`);
    this.addSql(`create index "segment_team_id_index" on "segment" ("team_id");`);

    this.addSql(
      `create table "feedback_day" ("team_id" int not null, "day" date not null, "promoters" int not null default 0, "passives" int not null default 0, "detractors" int not null default 0, "csat_n" int not null default 0, "csat_satisfied" int not null default 0, "intent_keep_buying_n" int not null default 0, "intent_keep_buying_sum" int not null default 0, "intent_keep_buying_top2" int not null default 0, "intent_buy_more_n" int not null default 0, "intent_buy_more_sum" int not null default 0, "intent_buy_more_top2" int not null default 0, "brand_image_n" int not null default 0, "brand_image_sum" int not null default 0, "brand_image_top2" int not null default 0, "needs_met_n" int not null default 0, "needs_met_sum" int not null default 0, "needs_met_top2" int not null default 0, primary key ("team_id", "day"));`,
    );

    this.addSql(
      `create table "customer_month" ("customer_id" int not null, "currency" varchar(3) not null, "month" date not null, "team_id" int not null, "transactions" int not null, "revenue_minor" bigint not null, "product_ids" int[] not null, primary key ("customer_id", "currency", "month"));`,
    );
    this.addSql(`create index "customer_month_team_id_month_index" on "customer_month" ("team_id", "month");`);
    this.addSql(`create index "customer_month_month_index" on "customer_month" ("month");`);

    this.addSql(
      `create table "customer_first_purchase" ("customer_id" int not null, "currency" varchar(3) not null, "team_id" int not null, "first_purchase_at" timestamptz not null, primary key ("customer_id", "currency"));`,
    );
    this.addSql(
      `create index "customer_first_purchase_team_id_first_purchase_at_index" on "customer_first_purchase" ("team_id", "first_purchase_at");`,
    );
    this.addSql(
      `create index "customer_first_purchase_first_purchase_at_index" on "customer_first_purchase" ("first_purchase_at");`,
    );

    this.addSql(
      `create table "reward_entry" ("id" serial primary key, "customer_id" int not null, "kind" text not null, "points" int not null, "balance_after" int not null, "reason" varchar(500) not null, "purchase_id" int null, "ticket_id" int null, "actor_name" varchar(200) not null, "idempotency_key" varchar(200) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "reward_entry" add constraint "reward_entry_purchase_id_unique" unique ("purchase_id");`);
    this.addSql(`create index "reward_entry_ticket_id_index" on "reward_entry" ("ticket_id");`);
    this.addSql(
      `alter table "reward_entry" add constraint "reward_entry_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "reward_entry_customer_id_created_at_index" on "reward_entry" ("customer_id", "created_at");`,
    );

    this.addSql(`alter table "customer" add "last_purchase_at" timestamptz null, add "referred_by_id" int null;`);
    this.addSql(
      `alter table "customer" add constraint "customer_referred_by_id_foreign" foreign key ("referred_by_id") references "customer" ("id") on delete set null;`,
    );
    this.addSql(`create index "customer_last_purchase_at_index" on "customer" ("last_purchase_at");`);
    this.addSql(`create index "customer_referred_by_id_index" on "customer" ("referred_by_id");`);

    this.addSql(`alter table "ticket" add "follow_up_due_at" timestamptz null;`);

    this.addSql(
      `alter table "segment" add constraint "segment_team_id_foreign" foreign key ("team_id") references "team" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "feedback_day" add constraint "feedback_day_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );

    this.addSql(
      `alter table "customer_month" add constraint "customer_month_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`,
    );
    this.addSql(
      `alter table "customer_month" add constraint "customer_month_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );

    this.addSql(
      `alter table "customer_first_purchase" add constraint "customer_first_purchase_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`,
    );
    this.addSql(
      `alter table "customer_first_purchase" add constraint "customer_first_purchase_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );

    this.addSql(
      `alter table "reward_entry" add constraint "reward_entry_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`,
    );
    this.addSql(
      `alter table "reward_entry" add constraint "reward_entry_purchase_id_foreign" foreign key ("purchase_id") references "purchase" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "reward_entry" add constraint "reward_entry_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on delete set null;`,
    );
    this.addSql(`alter table "reward_entry" add constraint "reward_entry_points_check" check (points <> 0);`);
    this.addSql(
      `alter table "reward_entry" add constraint "reward_entry_balance_after_check" check (balance_after >= 0);`,
    );
    this.addSql(
      `alter table "reward_entry" add constraint "reward_entry_kind_check" check ("kind" in ('EARN', 'GOODWILL', 'SPEND'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "segment" cascade;`);
    this.addSql(`drop table if exists "feedback_day" cascade;`);
    this.addSql(`drop table if exists "customer_month" cascade;`);
    this.addSql(`drop table if exists "customer_first_purchase" cascade;`);
    this.addSql(`drop table if exists "reward_entry" cascade;`);

    this.addSql(`alter table "customer" drop constraint "customer_referred_by_id_foreign";`);

    this.addSql(`drop index "customer_last_purchase_at_index";`);
    this.addSql(`drop index "customer_referred_by_id_index";`);
    this.addSql(`alter table "customer" drop column "last_purchase_at", drop column "referred_by_id";`);

    this.addSql(`alter table "ticket" drop column "follow_up_due_at";`);
  }
}
