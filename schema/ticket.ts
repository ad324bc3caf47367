import { Ticket, type TicketEvent, TicketEvent as TicketEventEntity } from '../db/entities/index.ts';
import { can } from '../domain/access/access.ts';
import { actionsInStatus, isOverdue } from '../domain/tickets/ticket-lifecycle.ts';
import { listTickets } from '../domain/tickets/ticket-list.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { CustomerRef } from './customer.ts';
import { ActionChannelEnum, TicketEventTypeEnum, TicketKindEnum, TicketStatusEnum } from './enums.ts';
import { FeedbackRef } from './feedback.ts';
import { allow, nodeVisibility, scopedTeamIds } from './guards.ts';
import { boundedIds, decodeId, decodeIds, loadNodes } from './ids.ts';
import { reads } from './look-ahead.ts';
import { TeamMemberRef, TeamRef } from './team.ts';

export const TicketRef = builder.objectRef<Ticket>('Ticket');
export const TicketConnection = connectionType('Ticket', TicketRef, 'ticket');
export const TicketEventRef = builder.objectRef<TicketEvent>('TicketEvent');
const TicketEventConnection = connectionType('TicketEvent', TicketEventRef, 'ticket event');

const TicketViewerCanRef = builder
  .objectRef<ReturnType<typeof actionsInStatus> & { claim: boolean; grantGoodwill: boolean }>('TicketViewerCan')
  .implement({
    description:
      'Which actions the caller may take on the ticket now: their role allows it and the ticket’s status does. A UI shows the buttons that are true; the mutations check again.',
    fields: (t) => ({
      acknowledge: t.exposeBoolean('acknowledge', { description: 'acknowledgeTicket (an OPEN ticket).' }),
      apologise: t.exposeBoolean('apologise', { description: 'recordApology (OPEN or ACKNOWLEDGED).' }),
      resolve: t.exposeBoolean('resolve', { description: 'resolveTicket (an ACKNOWLEDGED ticket).' }),
      close: t.exposeBoolean('close', { description: 'closeTicket (a RESOLVED ticket).' }),
      reopen: t.exposeBoolean('reopen', { description: 'reopenTicket (RESOLVED or CLOSED).' }),
      addNote: t.exposeBoolean('addNote', { description: 'addTicketNote (until it is closed).' }),
      claim: t.exposeBoolean('claim', {
        description: 'claimTicket (until it is closed, with a token of a team member not assigned yet).',
      }),
      assign: t.exposeBoolean('assign', { description: 'assignTicket (team leads and admins, until it is closed).' }),
      grantGoodwill: t.exposeBoolean('grantGoodwill', {
        description: 'grantGoodwill on this ticket (once per ticket: a second one is a CONFLICT).',
      }),
    }),
  });

builder.node(TicketRef, {
  description: 'A service-recovery (or win-back) case for one customer, worked by their account team.',
  isTypeOf: (value) => value instanceof Ticket,
  id: { resolve: (ticket) => ticket.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.ticket, ids, nodeVisibility.ticket(ctx)),
  fields: (t) => ({
    kind: t.expose('kind', { type: TicketKindEnum, description: 'Why the ticket exists.' }),
    status: t.expose('status', { type: TicketStatusEnum, description: 'Where the ticket is in its lifecycle.' }),
    ackDueAt: t.expose('ackDueAt', {
      type: 'DateTime',
      description: 'Acknowledge before this (opening time + team ackSlaHours).',
    }),
    resolveDueAt: t.expose('resolveDueAt', {
      type: 'DateTime',
      description: 'Resolve before this (opening time + team resolveSlaHours).',
    }),
    overdue: t.boolean({
      description: 'OPEN past ackDueAt, or ACKNOWLEDGED past resolveDueAt.',
      extensions: reads<Ticket>('status', 'ackDueAt', 'resolveDueAt'),
      resolve: (ticket) => isOverdue(ticket, new Date()),
    }),
    acknowledgedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was acknowledged.',
      extensions: reads<Ticket>('acknowledgedAt'),
      resolve: (x) => x.acknowledgedAt ?? null,
    }),
    resolvedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was resolved.',
      extensions: reads<Ticket>('resolvedAt'),
      resolve: (x) => x.resolvedAt ?? null,
    }),
    closedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was closed.',
      extensions: reads<Ticket>('closedAt'),
      resolve: (x) => x.closedAt ?? null,
    }),
    resolution: t.exposeString('resolution', { nullable: true, description: 'How the problem was fixed.' }),
    followUpDueAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the customer of a resolved recovery ticket is asked again (FOLLOW_UP_DELAY_HOURS after resolution, not within the survey cooldown); sent as a chat survey when they have a linked chat user and consent.',
      extensions: reads<Ticket>('followUpDueAt'),
      resolve: (ticket) => ticket.followUpDueAt ?? null,
    }),
    viewerCan: t.field({
      type: TicketViewerCanRef,
      description: 'Which actions the caller may take on this ticket now.',
      extensions: reads<Ticket>('status', 'assignee'),
      resolve: (ticket, _a, ctx) => {
        const inStatus = actionsInStatus(ticket.status);
        const acts = can(ctx.principal, 'ticket.act') && !(ctx.viewer.role === 'BOT' && ctx.actor.memberId === null);
        const only = (allowed: boolean) => acts && allowed;
        return {
          acknowledge: only(inStatus.acknowledge),
          apologise: only(inStatus.apologise),
          resolve: only(inStatus.resolve),
          close: only(inStatus.close),
          reopen: only(inStatus.reopen),
          addNote: only(inStatus.addNote),
          claim: only(inStatus.assign && ctx.actor.memberId !== null && ticket.assignee?.id !== ctx.actor.memberId),
          assign: inStatus.assign && can(ctx.principal, 'ticket.assign'),
          grantGoodwill: acts,
        };
      },
    }),
    version: t.exposeInt('version', { description: 'Increases with every change (optimistic locking).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the ticket opened.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the ticket last changed.' }),
    team: t.field({
      type: TeamRef,
      description: 'The team working the ticket.',
      extensions: reads<Ticket>('team'),
      resolve: async (x, _a, ctx) => (await ctx.loaders.team.load(x.team.id))!,
    }),
    customer: t.field({
      type: CustomerRef,
      description: 'The customer to win back.',
      extensions: reads<Ticket>('customer'),
      resolve: async (x, _a, ctx) => (await ctx.loaders.customer.load(x.customer.id))!,
    }),
    feedback: t.field({
      type: FeedbackRef,
      nullable: true,
      description: 'The low feedback answer that opened the ticket.',
      extensions: reads<Ticket>('feedback'),
      resolve: (x, _a, ctx) => (x.feedback ? ctx.loaders.feedback.load(x.feedback.id) : null),
    }),
    assignee: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'The member who owns the ticket.',
      extensions: reads<Ticket>('assignee'),
      resolve: (x, _a, ctx) => (x.assignee ? ctx.loaders.member.load(x.assignee.id) : null),
    }),
    events: t.field({
      type: TicketEventConnection,
      description: 'The append-only history, newest first.',
      args: pageArgs,
      extensions: reads<Ticket>('id'),
      resolve: (x, args, ctx) => ctx.loaders.ticketEvents.load({ parentId: x.id, ...args }),
    }),
  }),
});

builder.node(TicketEventRef, {
  description: 'One entry of a ticket’s history: who did what, when and through which channel.',
  isTypeOf: (value) => value instanceof TicketEventEntity,
  id: { resolve: (event) => event.id },
  loadMany: async (ids, ctx) => {
    const events = await loadNodes(ctx.loaders.ticketEvent, ids, () => true);
    const tickets = await loadNodes(
      ctx.loaders.ticket,
      events.map((event) => String(event?.ticket.id ?? 0)),
      nodeVisibility.ticket(ctx),
    );
    return events.map((event, index) => (tickets[index] ? event : null));
  },
  fields: (t) => ({
    ticket: t.field({
      type: TicketRef,
      description: 'The ticket it belongs to.',
      resolve: async (e, _a, ctx) => (await ctx.loaders.ticket.load(e.ticket.id))!,
    }),
    type: t.expose('type', { type: TicketEventTypeEnum, description: 'What happened.' }),
    actor: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'The team member who acted; null for the product itself or a token without a member.',
      resolve: (e, _a, ctx) => (e.actor ? ctx.loaders.member.load(e.actor.id) : null),
    }),
    actorName: t.exposeString('actorName', { description: 'Name of who acted, as it was at the time.' }),
    channel: t.expose('channel', { type: ActionChannelEnum, description: 'Through which channel.' }),
    fromStatus: t.field({
      type: TicketStatusEnum,
      nullable: true,
      description: 'Status before.',
      resolve: (e) => e.fromStatus ?? null,
    }),
    toStatus: t.field({
      type: TicketStatusEnum,
      nullable: true,
      description: 'Status after.',
      resolve: (e) => e.toStatus ?? null,
    }),
    note: t.exposeString('note', { nullable: true, description: 'Note, apology or resolution text.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

const TicketFilter = builder.inputType('TicketFilter', {
  description: 'Narrows the ticket list; all given conditions must hold.',
  fields: (t) => ({
    statuses: t.field({ type: [TicketStatusEnum], description: 'In one of these statuses.' }),
    kinds: t.field({ type: [TicketKindEnum], description: 'Of one of these kinds.' }),
    teamIds: t.idList({ description: 'Worked by one of these teams.' }),
    assigneeId: t.id({ description: 'Assigned to this member.' }),
    unassigned: t.boolean({ description: 'true: nobody is assigned.' }),
    customerId: t.id({ description: 'For this customer.' }),
    customerIds: t.idList({ description: 'For one of these customers (at most 100).' }),
    search: t.string({ description: 'The customer’s name or e-mail contains this, case-insensitive.' }),
    createdFrom: t.field({ type: 'DateTime', description: 'Opened at or after this.' }),
    createdBefore: t.field({ type: 'DateTime', description: 'Opened before this.' }),
    overdue: t.boolean({ description: 'true: past the due time of the step it waits for; false: not.' }),
    updatedSince: t.field({
      type: 'DateTime',
      description: 'Changed at or after this (inclusive): a polling client passes the newest updatedAt it has seen.',
    }),
    followUpDueBefore: t.field({
      type: 'DateTime',
      description:
        'Resolved recovery tickets whose follow-up survey is due by then: the customers to ask again by e-mail or phone when they have no chat (whether they answered since shows in their feedback).',
    }),
  }),
});

const TicketSort = builder.enumType('TicketSort', {
  description: 'Order of the ticket list (ties broken by id).',
  values: {
    CREATED_AT_DESC: { description: 'Newest first.' },
    CREATED_AT_ASC: { description: 'Oldest first.' },
    ACK_DUE_AT_ASC: { description: 'The acknowledgement due first on top.' },
    RESOLVE_DUE_AT_ASC: { description: 'The resolution due first on top.' },
    UPDATED_AT_DESC: { description: 'Changed most recently first.' },
    UPDATED_AT_ASC: { description: 'Changed longest ago first: with updatedSince, how a polling client catches up.' },
  } as const,
});

builder.queryField('tickets', (t) =>
  t.field({
    type: TicketConnection,
    description: 'Recovery and win-back tickets: the account teams’ work queue.',
    args: {
      ...pageArgs,
      filter: t.arg({ type: TicketFilter, description: 'Conditions on the tickets.' }),
      sort: t.arg({
        type: TicketSort,
        defaultValue: 'CREATED_AT_DESC',
        description: 'Order; newest first by default.',
      }),
    },
    resolve: (_root, { filter, sort, ...page }, ctx) => {
      allow(ctx, 'ticket.read');
      return listTickets(
        ctx.em,
        {
          ...filter,
          teamIds: scopedTeamIds(ctx, decodeIds(filter?.teamIds, 'Team', 'filter.teamIds')),
          assigneeId: filter?.assigneeId ? decodeId(filter.assigneeId, 'TeamMember', 'filter.assigneeId') : null,
          customerId: filter?.customerId ? decodeId(filter.customerId, 'Customer', 'filter.customerId') : null,
          customerIds: boundedIds(
            decodeIds(filter?.customerIds, 'Customer', 'filter.customerIds'),
            'filter.customerIds',
          ),
        },
        sort ?? 'CREATED_AT_DESC',
        page,
      );
    },
  }),
);
