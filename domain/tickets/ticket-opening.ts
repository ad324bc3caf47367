import type { EntityManager } from '@mikro-orm/postgresql';
import { Ticket } from '../../db/entities/index.ts';
import type { TicketKind } from '../../db/enums.ts';
import { systemTicketEventsSql } from './ticket-events.ts';
import type { SlaPolicy } from './ticket-lifecycle.ts';

/**
 * Opens a ticket on the product's own initiative (a low score, a churn risk) in one statement (see
 * openTicketsSql). Hand-written SQL because it sits on the feedback hot path, where the ORM's unit
 * of work costs more CPU than the statements themselves.
 */
export async function openTicket(tx: EntityManager, opening: TicketOpening): Promise<Ticket> {
  const [row] = await tx.getConnection().execute<Record<string, unknown>[]>(
    `with opening (kind, team_id, customer_id, feedback_id, ack_sla_hours, resolve_sla_hours, why, at) as (
       values (?::text, ?::int, ?::int, ?::int, ?::int, ?::int, ?::text, ?::timestamptz)),
     ${openTicketsSql('opening')}
     select * from opened`,
    [
      opening.kind,
      opening.teamId,
      opening.customerId,
      opening.feedbackId ?? null,
      opening.sla.ackSlaHours,
      opening.sla.resolveSlaHours,
      opening.why,
      opening.now,
    ],
    'all',
    tx.getTransactionContext(),
  );
  return tx.map(Ticket, row as never);
}

export interface TicketOpening {
  kind: TicketKind;
  customerId: number;
  teamId: number;
  sla: SlaPolicy;
  feedbackId?: number | null;
  why: string;
  now: Date;
}

/**
 * The parts of a WITH that open a ticket for each row of the CTE `source` (kind, team_id,
 * customer_id, feedback_id, ack_sla_hours, resolve_sla_hours, why, at; one row per customer):
 * "opened" holds the tickets (OPEN, due by the SLA hours from `at`), each with its OPENED event by
 * "loyalty-loop" saying why ("opened_events", their ids), and one chat alert per platform the team
 * has a channel on (the outbox; dedupe key alert:<ticket>:<platform>).
 */
export function openTicketsSql(source: string): string {
  return `opened as (
       insert into ticket (kind, status, team_id, customer_id, feedback_id, ack_due_at, resolve_due_at, created_at, updated_at)
       select kind, 'OPEN', team_id, customer_id, feedback_id, at + ack_sla_hours * interval '1 hour',
              at + resolve_sla_hours * interval '1 hour', at, at
         from ${source} returning *),
     opened_events as (
       ${systemTicketEventsSql(`select o.id, 'OPENED', 'OPEN', s.why, o.created_at from opened o join ${source} s on s.customer_id = o.customer_id`, 'returning id')}),
     alerts as (
       insert into chat_delivery (dedupe_key, platform, kind, ticket_id, target, next_attempt_at, created_at, updated_at)
       select 'alert:' || o.id || ':' || c.platform, c.platform, 'ALERT', o.id, c.target, o.created_at, o.created_at, o.created_at
         from opened o join team on team.id = o.team_id
              cross join lateral (values ('SLACK', team.slack_channel_id), ('DISCORD', team.discord_channel_id)) c(platform, target)
        where c.target is not null)`;
}
