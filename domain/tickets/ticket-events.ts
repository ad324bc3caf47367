import type { EntityManager } from '@mikro-orm/postgresql';
import { type Ticket, TicketEvent } from '../../db/entities/index.ts';
import type { TicketEventType, TicketStatus } from '../../db/enums.ts';
import { type Actor, systemActor } from '../access/actor.ts';

/**
 * A ticket's history is written here and nowhere else: by the ticket service for what people do
 * (appendTicketEvent) and, as SQL on the feedback hot path, for what the product does by itself
 * (systemTicketEventsSql). Every event names its actor and channel.
 */
export function appendTicketEvent(
  tx: EntityManager,
  ticket: Ticket,
  actor: Actor,
  event: {
    type: TicketEventType;
    fromStatus: TicketStatus;
    note: string | null;
    idempotencyKey: string | null;
    at: Date;
  },
): TicketEvent {
  return tx.create(TicketEvent, {
    ticket,
    type: event.type,
    actor: actor.memberId,
    actorName: actor.name,
    channel: actor.channel,
    fromStatus: event.fromStatus,
    toStatus: ticket.status,
    note: event.note,
    idempotencyKey: event.idempotencyKey,
    createdAt: event.at,
  });
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * SQL that records events by the product itself (the system actor) for the rows of `rows`, a
 * SELECT of (ticket_id, type, to_status, note, created_at); `returning` is appended as written.
 */
export function systemTicketEventsSql(rows: string, returning = ''): string {
  return `insert into ticket_event (ticket_id, type, actor_name, channel, to_status, note, created_at)
       select e.ticket_id, e.type, ${literal(systemActor.name)}, ${literal(systemActor.channel)}, e.to_status, e.note, e.created_at
         from (${rows}) as e(ticket_id, type, to_status, note, created_at) ${returning}`;
}
