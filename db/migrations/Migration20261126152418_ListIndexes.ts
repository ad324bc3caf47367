import { Migration } from '@mikro-orm/migrations';

export class Migration20261126152418_ListIndexes extends Migration {
  override name = 'Migration20261126152418_ListIndexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "customer_created_at_index" on "customer" ("created_at");`);
    this.addSql(`create index "customer_name_index" on "customer" ("name");`);

    this.addSql(`create index "ticket_created_at_index" on "ticket" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "customer_created_at_index";`);
    this.addSql(`drop index "customer_name_index";`);

    this.addSql(`drop index "ticket_created_at_index";`);
  }
}
