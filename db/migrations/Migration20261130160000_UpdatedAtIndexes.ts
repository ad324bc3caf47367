import { Migration } from '@mikro-orm/migrations';

/** Indexes on customer and ticket updated_at, for polling clients (`updatedSince`, UPDATED_AT sorts). */
export class Migration20261130160000_UpdatedAtIndexes extends Migration {
  override name = 'Migration20261130160000_UpdatedAtIndexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "customer_updated_at_index" on "customer" ("updated_at");`);
    this.addSql(`create index "ticket_updated_at_index" on "ticket" ("updated_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ticket_updated_at_index";`);
    this.addSql(`drop index "customer_updated_at_index";`);
  }
}
