import { Migration } from '@mikro-orm/migrations';

/**
 * What keeps the chat loop whole across processes and platform failures: dead letters
 * (chat_delivery.failed_at), interactions taken on once across processes (chat_interaction), and
 * the lease on each platform's websocket (chat_connection_lease).
 */
export class Migration20261130114324_ChatResilience extends Migration {
  override name = 'Migration20261130114324_ChatResilience';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "chat_connection_lease" ("platform" text not null, "holder" varchar(200) not null, "expires_at" timestamptz not null, primary key ("platform"));`,
    );

    this.addSql(
      `create table "chat_interaction" ("key" varchar(200) not null, "created_at" timestamptz not null, primary key ("key"));`,
    );
    this.addSql(`create index "chat_interaction_created_at_index" on "chat_interaction" ("created_at");`);

    this.addSql(`alter table "chat_delivery" add "failed_at" timestamptz null;`);
    this.addSql(`create index "chat_delivery_failed_at_index" on "chat_delivery" ("failed_at");`);

    this.addSql(
      `alter table "chat_connection_lease" add constraint "chat_connection_lease_platform_check" check ("platform" in ('SLACK', 'DISCORD'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "chat_connection_lease" cascade;`);
    this.addSql(`drop table if exists "chat_interaction" cascade;`);
    this.addSql(`drop index "chat_delivery_failed_at_index";`);
    this.addSql(`alter table "chat_delivery" drop column "failed_at";`);
  }
}
