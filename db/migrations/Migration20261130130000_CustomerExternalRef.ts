import { Migration } from '@mikro-orm/migrations';

/** customer.external_ref: the customer's id in the system they came from, which imports match on. */
export class Migration20261130130000_CustomerExternalRef extends Migration {
  override name = 'Migration20261130130000_CustomerExternalRef';

  override up(): void | Promise<void> {
    this.addSql(`alter table "customer" add column "external_ref" varchar(200) null;`);
    this.addSql(`alter table "customer" add constraint "customer_external_ref_unique" unique ("external_ref");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "customer" drop constraint "customer_external_ref_unique";`);
    this.addSql(`alter table "customer" drop column "external_ref";`);
  }
}
