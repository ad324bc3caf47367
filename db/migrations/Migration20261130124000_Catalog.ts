import { Migration } from '@mikro-orm/migrations';

/**
 * The catalogue a company brings: a list price per currency (product.list_prices, JSON by ISO
 * code) instead of one price in one currency, and products that can be retired (active).
 */
export class Migration20261130124000_Catalog extends Migration {
  override name = 'Migration20261130124000_Catalog';

  override up(): void | Promise<void> {
    this.addSql(`alter table "product" add column "list_prices" jsonb not null default '{}';`);
    this.addSql(
      `update "product" set "list_prices" = jsonb_build_object("currency", "list_price_minor") where "list_price_minor" is not null;`,
    );
    this.addSql(`alter table "product" alter column "list_prices" drop default;`);
    this.addSql(`alter table "product" drop column "list_price_minor", drop column "currency";`);
    this.addSql(`alter table "product" add column "active" boolean not null default true;`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "product" add column "list_price_minor" bigint null, add column "currency" varchar(3) not null default 'EUR';`,
    );
    this.addSql(
      `update "product" set ("currency", "list_price_minor") = (select key, value::bigint from jsonb_each_text("list_prices") limit 1) where "list_prices" <> '{}';`,
    );
    this.addSql(`alter table "product" drop column "list_prices", drop column "active";`);
  }
}
