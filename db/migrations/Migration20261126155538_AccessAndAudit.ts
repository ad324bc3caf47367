import { Migration } from '@mikro-orm/migrations';

export class Migration20261126155538_AccessAndAudit extends Migration {
  override name = 'Migration20261126155538_AccessAndAudit';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" serial primary key, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_id" int not null, "actor_name" varchar(200) not null, "actor_member_id" int null, "token_id" int null, "channel" text not null, "changes" jsonb null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "audit_entry_entity_type_entity_id_created_at_index" on "audit_entry" ("entity_type", "entity_id", "created_at");`,
    );
    this.addSql(`create index "audit_entry_created_at_index" on "audit_entry" ("created_at");`);

    this.addSql(`alter table "api_token" drop constraint "api_token_role_check";`);
    this.addSql(`alter table "api_token" add "customer_id" int null;`);
    this.addSql(
      `alter table "api_token" add constraint "api_token_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`,
    );
    this.addSql(`create index "api_token_customer_id_index" on "api_token" ("customer_id");`);
    this.addSql(
      `alter table "api_token" add constraint "api_token_role_check" check ("role" in ('ADMIN', 'MEMBER', 'SERVICE', 'CUSTOMER', 'BOT'));`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_channel_check" check ("channel" in ('API', 'SLACK', 'DISCORD', 'SYSTEM'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`alter table "api_token" drop constraint "api_token_customer_id_foreign";`);

    this.addSql(`drop index "api_token_customer_id_index";`);
    this.addSql(`alter table "api_token" drop constraint "api_token_role_check";`);
    this.addSql(`alter table "api_token" drop column "customer_id";`);
    this.addSql(
      `alter table "api_token" add constraint "api_token_role_check" check ("role" in ('ADMIN', 'MEMBER', 'SERVICE', 'BOT'));`,
    );
  }
}
