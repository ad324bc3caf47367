import { Migration } from '@mikro-orm/migrations';

export class Migration20261126152438_Initial extends Migration {
  override name = 'Migration20261126152438_Initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "account" ("id" serial primary key, "name" varchar(200) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "account" add constraint "account_name_unique" unique ("name");`);

    this.addSql(
      `create table "product" ("id" serial primary key, "sku" varchar(64) not null, "name" varchar(200) not null, "category" varchar(120) null, "list_price_minor" bigint null, "currency" varchar(3) not null default 'EUR', "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "product" add constraint "product_sku_unique" unique ("sku");`);

    this.addSql(
      `create table "team" ("id" serial primary key, "name" varchar(120) not null, "slack_channel_id" varchar(64) null, "discord_channel_id" varchar(64) null, "nps_threshold" smallint not null default 6, "csat_threshold" smallint not null default 2, "ack_sla_hours" int not null default 24, "resolve_sla_hours" int not null default 72, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "team" add constraint "team_name_unique" unique ("name");`);

    this.addSql(
      `create table "customer" ("id" serial primary key, "team_id" int not null, "account_id" int null, "name" varchar(200) not null, "email" varchar(254) null, "city" varchar(120) null, "region" varchar(120) null, "birth_date" date null, "preferred_channel" text not null default 'EMAIL', "survey_consent" boolean not null default true, "slack_user_id" varchar(64) null, "discord_user_id" varchar(64) null, "latest_nps" smallint null, "latest_nps_at" timestamptz null, "idempotency_key" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "customer_account_id_index" on "customer" ("account_id");`);
    this.addSql(`alter table "customer" add constraint "customer_email_unique" unique ("email");`);
    this.addSql(`alter table "customer" add constraint "customer_slack_user_id_unique" unique ("slack_user_id");`);
    this.addSql(`alter table "customer" add constraint "customer_discord_user_id_unique" unique ("discord_user_id");`);
    this.addSql(`alter table "customer" add constraint "customer_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "customer_team_id_created_at_index" on "customer" ("team_id", "created_at");`);
    this.addSql(`create index "customer_created_at_index" on "customer" ("created_at");`);
    this.addSql(`create index "customer_name_index" on "customer" ("name");`);
    this.addSql(`create index "customer_team_id_latest_nps_index" on "customer" ("team_id", "latest_nps");`);
    this.addSql(`create index "customer_city_index" on "customer" ("city");`);

    this.addSql(
      `create table "purchase" ("id" serial primary key, "customer_id" int not null, "product_id" int not null, "quantity" int not null, "amount_minor" bigint not null, "currency" varchar(3) not null, "purchased_at" timestamptz not null, "idempotency_key" varchar(200) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "purchase_product_id_index" on "purchase" ("product_id");`);
    this.addSql(`alter table "purchase" add constraint "purchase_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(
      `create index "purchase_customer_id_purchased_at_index" on "purchase" ("customer_id", "purchased_at");`,
    );
    this.addSql(`create index "purchase_purchased_at_index" on "purchase" ("purchased_at");`);

    this.addSql(
      `create table "feedback" ("id" serial primary key, "customer_id" int not null, "nps" smallint null, "csat" smallint null, "intent_keep_buying" smallint null, "intent_buy_more" smallint null, "brand_image" smallint null, "needs_met" smallint null, "comment" text null, "channel" text not null, "submitted_at" timestamptz not null, "idempotency_key" varchar(200) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "feedback" add constraint "feedback_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(
      `create index "feedback_customer_id_submitted_at_index" on "feedback" ("customer_id", "submitted_at");`,
    );
    this.addSql(`create index "feedback_submitted_at_index" on "feedback" ("submitted_at");`);
    this.addSql(`create index "feedback_nps_submitted_at_index" on "feedback" ("nps", "submitted_at");`);

    this.addSql(
      `create table "team_member" ("id" serial primary key, "team_id" int not null, "name" varchar(120) not null, "email" varchar(254) not null, "role" text not null default 'ACCOUNT_MANAGER', "slack_user_id" varchar(64) null, "discord_user_id" varchar(64) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "team_member_team_id_index" on "team_member" ("team_id");`);
    this.addSql(`alter table "team_member" add constraint "team_member_email_unique" unique ("email");`);
    this.addSql(
      `alter table "team_member" add constraint "team_member_slack_user_id_unique" unique ("slack_user_id");`,
    );
    this.addSql(
      `alter table "team_member" add constraint "team_member_discord_user_id_unique" unique ("discord_user_id");`,
    );

    this.addSql(
      `create table "api_token" ("id" serial primary key, "name" varchar(120) not null, "token_hash" varchar(64) not null, "role" text not null, "member_id" int null, "created_at" timestamptz not null, "revoked_at" timestamptz null);`,
    );
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "api_token_member_id_index" on "api_token" ("member_id");`);

    this.addSql(
      `create table "ticket" ("id" serial primary key, "kind" text not null default 'SERVICE_RECOVERY', "status" text not null default 'OPEN', "team_id" int not null, "customer_id" int not null, "feedback_id" int null, "assignee_id" int null, "ack_due_at" timestamptz not null, "resolve_due_at" timestamptz not null, "acknowledged_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "resolution" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "ticket" add constraint "ticket_feedback_id_unique" unique ("feedback_id");`);
    this.addSql(
      `create index "ticket_team_id_status_created_at_index" on "ticket" ("team_id", "status", "created_at");`,
    );
    this.addSql(`create index "ticket_customer_id_status_index" on "ticket" ("customer_id", "status");`);
    this.addSql(`create index "ticket_assignee_id_status_index" on "ticket" ("assignee_id", "status");`);
    this.addSql(`create index "ticket_status_ack_due_at_index" on "ticket" ("status", "ack_due_at");`);
    this.addSql(`create index "ticket_created_at_index" on "ticket" ("created_at");`);

    this.addSql(
      `create table "ticket_event" ("id" serial primary key, "ticket_id" int not null, "type" text not null, "actor_id" int null, "actor_name" varchar(200) not null, "channel" text not null, "from_status" text null, "to_status" text null, "note" text null, "idempotency_key" varchar(200) null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `create index "ticket_event_ticket_id_created_at_index" on "ticket_event" ("ticket_id", "created_at");`,
    );

    this.addSql(
      `alter table "customer" add constraint "customer_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );
    this.addSql(
      `alter table "customer" add constraint "customer_account_id_foreign" foreign key ("account_id") references "account" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "customer" add constraint "customer_preferred_channel_check" check ("preferred_channel" in ('EMAIL', 'PHONE', 'SLACK', 'DISCORD', 'WEB'));`,
    );

    this.addSql(
      `alter table "purchase" add constraint "purchase_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`,
    );
    this.addSql(
      `alter table "purchase" add constraint "purchase_product_id_foreign" foreign key ("product_id") references "product" ("id");`,
    );
    this.addSql(`alter table "purchase" add constraint "purchase_quantity_check" check (quantity > 0);`);
    this.addSql(`alter table "purchase" add constraint "purchase_amount_minor_check" check (amount_minor >= 0);`);

    this.addSql(
      `alter table "feedback" add constraint "feedback_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`,
    );
    this.addSql(`alter table "feedback" add constraint "feedback_nps_check" check (nps >= 0 and nps <= 10);`);
    this.addSql(`alter table "feedback" add constraint "feedback_csat_check" check (csat >= 1 and csat <= 5);`);
    this.addSql(
      `alter table "feedback" add constraint "feedback_intent_keep_buying_check" check (intent_keep_buying >= 1 and intent_keep_buying <= 5);`,
    );
    this.addSql(
      `alter table "feedback" add constraint "feedback_intent_buy_more_check" check (intent_buy_more >= 1 and intent_buy_more <= 5);`,
    );
    this.addSql(
      `alter table "feedback" add constraint "feedback_brand_image_check" check (brand_image >= 1 and brand_image <= 5);`,
    );
    this.addSql(
      `alter table "feedback" add constraint "feedback_needs_met_check" check (needs_met >= 1 and needs_met <= 5);`,
    );
    this.addSql(
      `alter table "feedback" add constraint "feedback_channel_check" check ("channel" in ('WEB', 'API', 'SLACK', 'DISCORD', 'EMAIL'));`,
    );

    this.addSql(
      `alter table "team_member" add constraint "team_member_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );
    this.addSql(
      `alter table "team_member" add constraint "team_member_role_check" check ("role" in ('ACCOUNT_MANAGER', 'TEAM_LEAD'));`,
    );

    this.addSql(
      `alter table "api_token" add constraint "api_token_member_id_foreign" foreign key ("member_id") references "team_member" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "api_token" add constraint "api_token_role_check" check ("role" in ('ADMIN', 'MEMBER', 'SERVICE', 'BOT'));`,
    );

    this.addSql(
      `alter table "ticket" add constraint "ticket_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );
    this.addSql(
      `alter table "ticket" add constraint "ticket_customer_id_foreign" foreign key ("customer_id") references "customer" ("id");`,
    );
    this.addSql(
      `alter table "ticket" add constraint "ticket_feedback_id_foreign" foreign key ("feedback_id") references "feedback" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "ticket" add constraint "ticket_assignee_id_foreign" foreign key ("assignee_id") references "team_member" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "ticket" add constraint "ticket_kind_check" check ("kind" in ('SERVICE_RECOVERY', 'WIN_BACK'));`,
    );
    this.addSql(
      `alter table "ticket" add constraint "ticket_status_check" check ("status" in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED'));`,
    );

    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id");`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_actor_id_foreign" foreign key ("actor_id") references "team_member" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_type_check" check ("type" in ('OPENED', 'ASSIGNED', 'ACKNOWLEDGED', 'APOLOGISED', 'NOTE', 'RESOLVED', 'REOPENED', 'CLOSED'));`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_channel_check" check ("channel" in ('API', 'SLACK', 'DISCORD', 'SYSTEM'));`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_from_status_check" check ("from_status" in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED'));`,
    );
    this.addSql(
      `alter table "ticket_event" add constraint "ticket_event_to_status_check" check ("to_status" in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "customer" drop constraint "customer_account_id_foreign";`);
    this.addSql(`alter table "purchase" drop constraint "purchase_product_id_foreign";`);
    this.addSql(`alter table "customer" drop constraint "customer_team_id_foreign";`);
    this.addSql(`alter table "team_member" drop constraint "team_member_team_id_foreign";`);
    this.addSql(`alter table "ticket" drop constraint "ticket_team_id_foreign";`);
    this.addSql(`alter table "purchase" drop constraint "purchase_customer_id_foreign";`);
    this.addSql(`alter table "feedback" drop constraint "feedback_customer_id_foreign";`);
    this.addSql(`alter table "ticket" drop constraint "ticket_customer_id_foreign";`);
    this.addSql(`alter table "ticket" drop constraint "ticket_feedback_id_foreign";`);
    this.addSql(`alter table "api_token" drop constraint "api_token_member_id_foreign";`);
    this.addSql(`alter table "ticket" drop constraint "ticket_assignee_id_foreign";`);
    this.addSql(`alter table "ticket_event" drop constraint "ticket_event_actor_id_foreign";`);
    this.addSql(`alter table "ticket_event" drop constraint "ticket_event_ticket_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "team" cascade;`);
    this.addSql(`drop table if exists "customer" cascade;`);
    this.addSql(`drop table if exists "purchase" cascade;`);
    this.addSql(`drop table if exists "feedback" cascade;`);
    this.addSql(`drop table if exists "team_member" cascade;`);
    this.addSql(`drop table if exists "api_token" cascade;`);
    this.addSql(`drop table if exists "ticket" cascade;`);
    this.addSql(`drop table if exists "ticket_event" cascade;`);
  }
}
