import { Migration } from '@mikro-orm/migrations';

export class Migration20261126172138_ChurnRisk extends Migration {
  override name = 'Migration20261126172138_ChurnRisk';

  override up(): void | Promise<void> {
    this.addSql(`alter table "customer" add "churn_risk" smallint null, add "churn_risk_at" timestamptz null;`);
    this.addSql(`create index "customer_churn_risk_at_index" on "customer" ("churn_risk_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "customer_churn_risk_at_index";`);
    this.addSql(`alter table "customer" drop column "churn_risk", drop column "churn_risk_at";`);
  }
}
