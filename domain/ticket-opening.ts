import type { EntityManager } from '@mikro-orm/postgresql';
import { Ticket } from '../db/entities/index.ts';
import type { TicketKind } from '../db/enums.ts';
import { systemActor } from './actor.ts';
import { type SlaPolicy, slaDueTimes } from './ticket-lifecycle.ts';

/**
 * Opens a ticket on the product's own initiative (a low score, a churn risk) in one statement: the
 * ticket (OPEN, due by the team's SLA), its OPENED event by "loyalty-loop" saying why, and one
 * chat alert per platform the team has a channel on (the outbox; dedupe key alert:<ticket>:<platform>).
 * Hand-written SQL because it sits on the feedback hot path, where the ORM's unit of work cost
 * three times the CPU of the statements themselves.
 */
export async function openTicket(
  tx: EntityManager,
  opening: {
    kind: TicketKind;
    customerId: number;
    teamId: number;
    sla: SlaPolicy;
    feedbackId?: number | null;
    why: string;
    now: Date;
  },
): Promise<Ticket> {
  const { now } = opening;
  const { ackDueAt, resolveDueAt } = slaDueTimes(now, opening.sla);
  const [row] = await tx.getConnection().execute<Record<string, unknown>[]>(
    `with t as (
       insert into ticket (kind, status, team_id, customer_id, feedback_id, ack_due_at, resolve_due_at, created_at, updated_at)
       values (?, 'OPEN', ?, ?, ?, ?, ?, ?, ?) returning *),
     opened as (
       insert into ticket_event (ticket_id, type, actor_name, channel, to_status, note, created_at)
       select t.id, 'OPENED', ?, ?, 'OPEN', ?, ? from t),
     alerts as (
       insert into chat_delivery (dedupe_key, platform, kind, ticket_id, target, next_attempt_at, created_at, updated_at)
       select 'alert:' || t.id || ':' || c.platform, c.platform, 'ALERT', t.id, c.target, ?, ?, ?
         from t join team on team.id = t.team_id
              cross join lateral (values ('SLACK', team.slack_channel_id), ('DISCORD', team.discord_channel_id)) c(platform, target)
        where c.target is not null)
     select * from t`,
    [
      opening.kind,
      opening.teamId,
      opening.customerId,
      opening.feedbackId ?? null,
      ackDueAt,
      resolveDueAt,
      now,
      now,
      systemActor.name,
      systemActor.channel,
      opening.why,
      now,
      now,
      now,
      now,
    ],
    'all',
    tx.getTransactionContext(),
  );
  return tx.map(Ticket, row as never);
}
