import { Migration } from '@mikro-orm/migrations';

/**
 * Live events for subscriptions: every new ticket event and every new answer is announced on the
 * channel "loyalty_live" by a trigger, so that every API process hears every change whichever
 * process (or the churn check, or an import) made it. NOTIFY is transactional: a rolled-back write
 * announces nothing, and listeners hear a change only once it is committed. Statement triggers,
 * one notification per row, so a feedback batch pays for one trigger call.
 *
 * Every ticket event also moves its ticket's updated_at (a note included), for clients that poll
 * with updatedSince. In SQL, not through the ORM: the version column (optimistic locking) stays,
 * so two notes written at once do not conflict.
 */
export class Migration20261130140000_LiveEvents extends Migration {
  override name = 'Migration20261130140000_LiveEvents';

  override up(): void | Promise<void> {
    this.addSql(`create function ticket_event_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('loyalty_live', json_build_object(
                  'topic', 'ticket', 'id', t.id, 'teamId', t.team_id, 'customerId', t.customer_id,
                  'change', n.type, 'eventId', n.id)::text)
           from new_rows n join ticket t on t.id = n.ticket_id;
        return null;
      end $$;`);
    this.addSql(`create trigger ticket_event_notify after insert on ticket_event referencing new table as new_rows
      for each statement execute function ticket_event_notify();`);
    this.addSql(`create function ticket_event_touch() returns trigger language plpgsql as $$
      begin
        update ticket t set updated_at = greatest(t.updated_at, n.at)
          from (select ticket_id, max(created_at) as at from new_rows group by ticket_id) n
         where t.id = n.ticket_id;
        return null;
      end $$;`);
    this.addSql(`create trigger ticket_event_touch after insert on ticket_event referencing new table as new_rows
      for each statement execute function ticket_event_touch();`);
    this.addSql(`create function feedback_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('loyalty_live', json_build_object(
                  'topic', 'feedback', 'id', n.id, 'teamId', c.team_id, 'customerId', n.customer_id)::text)
           from new_rows n join customer c on c.id = n.customer_id;
        return null;
      end $$;`);
    this.addSql(`create trigger feedback_notify after insert on feedback referencing new table as new_rows
      for each statement execute function feedback_notify();`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop trigger feedback_notify on feedback;');
    this.addSql('drop function feedback_notify();');
    this.addSql('drop trigger ticket_event_touch on ticket_event;');
    this.addSql('drop function ticket_event_touch();');
    this.addSql('drop trigger ticket_event_notify on ticket_event;');
    this.addSql('drop function ticket_event_notify();');
  }
}
