import { Migration } from '@mikro-orm/migrations';

/**
 * customer.latest_nps follows the newest NPS answer, kept by a trigger like the analytics rollups
 * instead of by each writer. Triggers of one event fire in name order, so "feedback_latest_nps"
 * locks the customer row before "feedback_rollup" locks the team's feedback_day row: the same order
 * as a team move (customer, then feedback_day), so concurrent writers cannot deadlock on the two.
 */
export class Migration20261126190000_LatestNpsTrigger extends Migration {
  override name = 'Migration20261126190000_LatestNpsTrigger';

  override up(): void | Promise<void> {
    this.addSql(`create function feedback_latest_nps() returns trigger language plpgsql as $$
      begin
        -- Newer wins: an answer imported late must not replace a later one.
        update customer c set latest_nps = l.nps, latest_nps_at = l.submitted_at
          from (select distinct on (customer_id) customer_id, nps, submitted_at from new_rows
                 where nps is not null order by customer_id, submitted_at desc, id desc) l
         where c.id = l.customer_id and (c.latest_nps_at is null or c.latest_nps_at <= l.submitted_at);
        return null;
      end $$;`);
    this.addSql(`create trigger feedback_latest_nps after insert on feedback referencing new table as new_rows
      for each statement execute function feedback_latest_nps();`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop trigger feedback_latest_nps on feedback;');
    this.addSql('drop function feedback_latest_nps();');
  }
}
