import { Migration } from '@mikro-orm/migrations';

/** persisted_query: the documents clients register through automatic persisted queries, shared by all processes. */
export class Migration20261130150000_ApqStore extends Migration {
  override name = 'Migration20261130150000_ApqStore';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "persisted_query" ("hash" varchar(64) not null, "document" text not null, "used_at" timestamptz not null, primary key ("hash"));`,
    );
    this.addSql(`create index "persisted_query_used_at_index" on "persisted_query" ("used_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "persisted_query" cascade;`);
  }
}
