import { Migration } from '@mikro-orm/migrations';

/** WEB: ticket changes and audited actions made from a browser (the dashboard, or a frontend that says so). */
export class Migration20261201090000_WebChannel extends Migration {
  override name = 'Migration20261201090000_WebChannel';

  override up(): void | Promise<void> {
    for (const table of ['ticket_event', 'audit_entry']) {
      this.addSql(`alter table "${table}" drop constraint "${table}_channel_check";`);
      this.addSql(
        `alter table "${table}" add constraint "${table}_channel_check" check ("channel" in ('API', 'WEB', 'SLACK', 'DISCORD', 'SYSTEM'));`,
      );
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['ticket_event', 'audit_entry']) {
      this.addSql(`alter table "${table}" drop constraint "${table}_channel_check";`);
      this.addSql(
        `alter table "${table}" add constraint "${table}_channel_check" check ("channel" in ('API', 'SLACK', 'DISCORD', 'SYSTEM'));`,
      );
    }
  }
}
