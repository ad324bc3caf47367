import { filter, pipe, Repeater } from 'graphql-yoga';
import type { LiveEvent, LiveFeed } from '../domain/live/live-event.ts';
import { mayHear } from '../domain/live/live-event.ts';
import { ServiceUnavailableError } from '../domain/shared/errors.ts';
import { type QueueCounts, queueCounts } from '../domain/tickets/queue-counts.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { TicketEventTypeEnum } from './enums.ts';
import { FeedbackRef } from './feedback.ts';
import { allow, scopedCustomerId, scopedTeamIds, visibleCustomer, visibleTicket } from './guards.ts';
import { decodeId, decodeIds } from './ids.ts';
import { createLoaders } from './loaders.ts';
import { TeamRef } from './team.ts';
import { TicketRef } from './ticket.ts';

/** How often the queue counts are looked at again with no change: tickets turn overdue as time passes. */
const queueRecountMs = 60_000;

function liveFeed(ctx: Context): LiveFeed {
  if (!ctx.live) throw new ServiceUnavailableError('Live updates are not served by this process.');
  return ctx.live;
}

/**
 * Each event is answered with what is stored now: a subscription's context lives as long as the
 * subscription, so its identity map and loaders would otherwise answer with what they read first.
 */
function readAfresh(ctx: Context): void {
  ctx.em = ctx.em.fork({ clear: true });
  ctx.loaders = createLoaders(ctx.em);
}

/** The caller's events of one topic that pass `wanted`, as they are committed. */
function heard(ctx: Context, topic: LiveEvent['topic'], wanted: (event: LiveEvent) => boolean) {
  return pipe(
    liveFeed(ctx).events(),
    filter((event: LiveEvent) => event.topic === topic && mayHear(ctx.principal, event) && wanted(event)),
  );
}

const TicketChangeRef = builder.objectRef<{ change: string; ticket: NonNullable<unknown> }>('TicketChange');
TicketChangeRef.implement({
  description: 'A committed change to a ticket, with the ticket as it is now.',
  fields: (t) => ({
    change: t.field({
      type: TicketEventTypeEnum,
      description: 'What happened: the type of the ticket event it wrote.',
      resolve: (x) => x.change as never,
    }),
    ticket: t.field({
      type: TicketRef,
      description: 'The ticket after the change.',
      resolve: (x) => x.ticket as never,
    }),
  }),
});

const TeamQueueCountsRef = builder.objectRef<QueueCounts>('TeamQueueCounts').implement({
  description: 'What a queue screen shows for one team: tickets waiting, and how many of them are past due.',
  fields: (t) => ({
    team: t.field({
      type: TeamRef,
      description: 'The team.',
      resolve: async (x, _a, ctx) => (await ctx.loaders.team.load(x.teamId))!,
    }),
    open: t.exposeInt('open', { description: 'OPEN tickets (not acknowledged yet).' }),
    acknowledged: t.exposeInt('acknowledged', { description: 'ACKNOWLEDGED tickets (not resolved yet).' }),
    overdue: t.exposeInt('overdue', { description: 'Of those, past the due time of the step they wait for.' }),
  }),
});

builder.subscriptionType({
  description:
    'Live updates, over server-sent events (POST /graphql with Accept: text/event-stream) or WebSocket (graphql-ws protocol on /graphql). Every API process hears every committed change, whichever process made it.',
});

builder.subscriptionField('ticketChanged', (t) =>
  t.field({
    type: TicketChangeRef,
    description:
      'Every committed change to a ticket the caller may see (opened — also by the churn check —, assigned, acknowledged, apologised, noted, resolved, reopened, closed); narrowed to teams or to one ticket.',
    args: {
      teamIds: t.arg.idList({ description: 'Only tickets of these teams (members hear their own team only).' }),
      ticketId: t.arg.id({ description: 'Only this ticket.' }),
    },
    subscribe: async (_root, args, ctx) => {
      allow(ctx, 'ticket.read');
      const teamIds = scopedTeamIds(ctx, decodeIds(args.teamIds, 'Team', 'teamIds'));
      const ticketId = args.ticketId ? decodeId(args.ticketId, 'Ticket', 'ticketId') : null;
      if (ticketId) await visibleTicket(ctx, ticketId, 'ticketId');
      return heard(
        ctx,
        'ticket',
        (event) => (!teamIds || teamIds.includes(event.teamId)) && (!ticketId || event.id === ticketId),
      );
    },
    resolve: async (event: LiveEvent, _args, ctx) => {
      readAfresh(ctx);
      // A ticket stays with its team, the one mayHear checked the event against.
      const ticket = (await ctx.loaders.ticket.load(event.id))!;
      return { change: (event as Extract<LiveEvent, { topic: 'ticket' }>).change, ticket };
    },
  }),
);

builder.subscriptionField('feedbackReceived', (t) =>
  t.field({
    type: FeedbackRef,
    description: 'Every answer stored from now on that the caller may see; narrowed to teams or to one customer.',
    args: {
      teamIds: t.arg.idList({ description: 'Only from customers of these teams.' }),
      customerId: t.arg.id({ description: 'Only from this customer.' }),
    },
    subscribe: async (_root, args, ctx) => {
      allow(ctx, 'feedback.read');
      const teamIds = scopedTeamIds(ctx, decodeIds(args.teamIds, 'Team', 'teamIds'));
      const requested = args.customerId ? decodeId(args.customerId, 'Customer', 'customerId') : null;
      const customerId = scopedCustomerId(ctx, requested);
      if (requested) await visibleCustomer(ctx, requested, 'customerId');
      return heard(
        ctx,
        'feedback',
        (event) => (!teamIds || teamIds.includes(event.teamId)) && (!customerId || event.customerId === customerId),
      );
    },
    resolve: async (event: LiveEvent, _args, ctx) => {
      readAfresh(ctx);
      return (await ctx.loaders.feedback.load(event.id))!;
    },
  }),
);

builder.subscriptionField('ticketQueueCounts', (t) =>
  t.field({
    type: [TeamQueueCountsRef],
    description:
      'Open, acknowledged and overdue tickets per team: sent at once, then whenever a ticket of those teams changes or one turns overdue (looked at every minute).',
    args: { teamIds: t.arg.idList({ description: 'These teams (members: their own); all when left out.' }) },
    subscribe: (_root, args, ctx) => {
      allow(ctx, 'ticket.read');
      const teamIds = scopedTeamIds(ctx, decodeIds(args.teamIds, 'Team', 'teamIds'));
      const changes = heard(ctx, 'ticket', (event) => !teamIds || teamIds.includes(event.teamId));
      return new Repeater<QueueCounts[]>(async (push, stop) => {
        let last = '';
        let queued = false;
        let counting = Promise.resolve();
        const recount = () => {
          if (queued) return;
          queued = true;
          // A count that fails (the database is away) ends the subscription with the error; the
          // client subscribes again, as after any drop.
          counting = counting
            .then(async () => {
              queued = false;
              const counts = await queueCounts(ctx.em.fork(), teamIds);
              const key = JSON.stringify(counts);
              if (key !== last) {
                last = key;
                await push(counts);
              }
            })
            .catch((error: unknown) => stop(error));
        };
        recount();
        const timer = setInterval(recount, queueRecountMs);
        const iterator = changes[Symbol.asyncIterator]();
        void (async () => {
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) recount();
        })().catch(stop);
        await stop;
        clearInterval(timer);
        await iterator.return?.();
      });
    },
    resolve: (counts: QueueCounts[], _args, ctx) => {
      readAfresh(ctx);
      return counts;
    },
  }),
);
