import type { EntityManager } from '@mikro-orm/postgresql';
import { type Customer, type Feedback, type Team, Ticket, TicketEvent } from '../db/entities/index.ts';
import type { TicketKind } from '../db/enums.ts';
import { systemActor } from './actor.ts';
import { slaDueTimes } from './ticket-lifecycle.ts';

/**
 * Opens a ticket on the product's own initiative (a low score, a churn risk): OPEN, due by the
 * team's SLA, with an OPENED event by "loyalty-loop" that says why.
 */
export function openTicket(
  tx: EntityManager,
  opening: {
    kind: TicketKind;
    customer: Customer & { team: Team };
    feedback?: Feedback | null;
    why: string;
    now: Date;
  },
): Ticket {
  const { customer, now } = opening;
  const ticket = tx.create(Ticket, {
    kind: opening.kind,
    status: 'OPEN',
    team: customer.team,
    customer,
    feedback: opening.feedback ?? null,
    createdAt: now,
    ...slaDueTimes(now, customer.team),
  });
  tx.create(TicketEvent, {
    ticket,
    type: 'OPENED',
    channel: systemActor.channel,
    actorName: systemActor.name,
    toStatus: 'OPEN',
    note: opening.why,
    createdAt: now,
  });
  return ticket;
}
