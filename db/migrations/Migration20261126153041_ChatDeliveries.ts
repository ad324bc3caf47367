import { Migration } from '@mikro-orm/migrations';

export class Migration20261126153041_ChatDeliveries extends Migration {
  override name = 'Migration20261126153041_ChatDeliveries';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "chat_delivery" ("id" serial primary key, "dedupe_key" varchar(200) not null, "platform" text not null, "kind" text not null, "ticket_id" int null, "customer_id" int null, "target" varchar(64) not null, "message_ref" varchar(64) null, "wanted_version" int not null default 1, "posted_version" int not null default 0, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "chat_delivery" add constraint "chat_delivery_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "chat_delivery_ticket_id_index" on "chat_delivery" ("ticket_id");`);
    this.addSql(`create index "chat_delivery_customer_id_index" on "chat_delivery" ("customer_id");`);
    this.addSql(
      `create index "chat_delivery_platform_next_attempt_at_index" on "chat_delivery" ("platform", "next_attempt_at");`,
    );
    this.addSql(
      `create index "chat_delivery_platform_message_ref_index" on "chat_delivery" ("platform", "message_ref");`,
    );

    this.addSql(
      `alter table "chat_delivery" add constraint "chat_delivery_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "chat_delivery" add constraint "chat_delivery_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "chat_delivery" add constraint "chat_delivery_platform_check" check ("platform" in ('SLACK', 'DISCORD'));`,
    );
    this.addSql(
      `alter table "chat_delivery" add constraint "chat_delivery_kind_check" check ("kind" in ('ALERT', 'REMINDER', 'ESCALATION', 'SURVEY'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "chat_delivery" cascade;`);
  }
}
