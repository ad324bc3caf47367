import { defineEntity, p } from '@mikro-orm/core';
import { actionChannels, ticketEventTypes, ticketStatuses } from '../enums.ts';
import { TeamMember } from './team-member.entity.ts';
import { Ticket } from './ticket.entity.ts';

/** Append-only history of a ticket: rows are inserted, never updated or deleted. */
export const TicketEventSchema = defineEntity({
  name: 'TicketEvent',
  indexes: [{ properties: ['ticket', 'createdAt'] }],
  properties: {
    id: p.integer().primary(),
    ticket: () => p.manyToOne(Ticket),
    type: p.enum(ticketEventTypes),
    actor: () => p.manyToOne(TeamMember).nullable(),
    // Who acted, as shown at the time: a member's name, an API token's name or "loyalty-loop".
    actorName: p.string().length(200),
    channel: p.enum(actionChannels),
    fromStatus: p.enum(ticketStatuses).nullable(),
    toStatus: p.enum(ticketStatuses).nullable(),
    note: p.text().nullable(),
    // Set when the caller gave one, so that a retried note is stored once.
    idempotencyKey: p.string().length(200).nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class TicketEvent extends TicketEventSchema.class {}
TicketEventSchema.setClass(TicketEvent);
