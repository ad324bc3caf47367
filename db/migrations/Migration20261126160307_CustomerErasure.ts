import { Migration } from '@mikro-orm/migrations';

export class Migration20261126160307_CustomerErasure extends Migration {
  override name = 'Migration20261126160307_CustomerErasure';

  override up(): void | Promise<void> {
    this.addSql(`alter table "customer" add "erased_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "customer" drop column "erased_at";`);
  }
}
