import { defineEntity, p } from '@mikro-orm/core';
import { ticketKinds, ticketStatuses } from '../enums.ts';
import { Customer } from './customer.entity.ts';
import { Feedback } from './feedback.entity.ts';
import { Team } from './team.entity.ts';
import { TeamMember } from './team-member.entity.ts';

export const TicketSchema = defineEntity({
  name: 'Ticket',
  indexes: [
    { properties: ['team', 'status', 'createdAt'] },
    { properties: ['customer', 'status'] },
    { properties: ['assignee', 'status'] },
    { properties: ['status', 'ackDueAt'] },
    { properties: ['createdAt'] },
  ],
  properties: {
    id: p.integer().primary(),
    kind: p.enum(ticketKinds).default('SERVICE_RECOVERY'),
    status: p.enum(ticketStatuses).default('OPEN'),
    team: () => p.manyToOne(Team),
    customer: () => p.manyToOne(Customer),
    // One ticket per feedback answer at most: the unique key makes a retried submission harmless.
    feedback: () => p.manyToOne(Feedback).nullable().unique(),
    assignee: () => p.manyToOne(TeamMember).nullable(),
    ackDueAt: p.datetime(),
    resolveDueAt: p.datetime(),
    acknowledgedAt: p.datetime().nullable(),
    resolvedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    resolution: p.text().nullable(),
    // When the customer is asked again after a resolved recovery (FOLLOW_UP_DELAY_HOURS, respecting the cooldown).
    followUpDueAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    // Indexed for polling clients: `updatedSince` and the UPDATED_AT sorts.
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date())
      .index(),
  },
});

export class Ticket extends TicketSchema.class {}
TicketSchema.setClass(Ticket);
