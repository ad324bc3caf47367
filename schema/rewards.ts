import { type Customer, RewardEntry } from '../db/entities/index.ts';
import { rewardEntryKinds } from '../db/enums.ts';
import { can } from '../domain/access/access.ts';
import { rewardTiers } from '../domain/rewards/reward-rules.ts';
import type { RewardStanding } from '../domain/rewards/reward-service.ts';
import { grantGoodwill, grantPoints, spendPoints } from '../domain/rewards/reward-service.ts';
import { builder, type Types } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { CustomerRef } from './customer.ts';
import { describedValues } from './enums.ts';
import { mutationErrors } from './errors.ts';
import { allow, nodeVisibility, visibleCustomer, visibleTicket } from './guards.ts';
import { decodeId, loadNodes } from './ids.ts';
import { reads } from './look-ahead.ts';
import { TicketRef } from './ticket.ts';

const tierText = rewardTiers.map((t) => `${t.tier} from ${t.minPoints}`).join(', ');

const RewardTierEnum = builder.enumType('RewardTier', {
  description: `Tiers by points earned in the last 12 months (purchases, grants, goodwill; spending does not lower them): ${tierText}.`,
  values: Object.fromEntries(
    rewardTiers.map((t) => [t.tier, { description: `From ${t.minPoints} points earned in the last 12 months.` }]),
  ) as Record<(typeof rewardTiers)[number]['tier'], { description: string }>,
});

const RewardEntryKindEnum = builder.enumType('RewardEntryKind', {
  description:
    'EARN: points for a purchase (1 per 100 minor units) or a grant; GOODWILL: a surprise on a ticket; SPEND: redeemed.',
  values: describedValues(rewardEntryKinds, {
    EARN: 'Points for a purchase (1 per 100 minor units) or a grant.',
    GOODWILL: 'A surprise on a recovery ticket.',
    SPEND: 'Points redeemed.',
  }),
});

export const RewardEntryRef = builder.objectRef<RewardEntry>('RewardEntry');
builder.node(RewardEntryRef, {
  description: 'One line of the points ledger. The ledger is append-only; the balance never goes below zero.',
  isTypeOf: (value) => value instanceof RewardEntry,
  id: { resolve: (entry) => entry.id },
  loadMany: (ids, ctx) =>
    loadNodes(ctx.loaders.rewardEntry, ids, async (entry) =>
      can(ctx.principal, 'reward.read') ? nodeVisibility.ofCustomer(ctx)(entry) : false,
    ),
  fields: (t) => ({
    kind: t.expose('kind', { type: RewardEntryKindEnum, description: 'Earned, goodwill or spent.' }),
    points: t.exposeInt('points', { description: 'Positive when earned, negative when spent.' }),
    balanceAfter: t.exposeInt('balanceAfter', { description: 'The balance after this entry.' }),
    reason: t.exposeString('reason', { description: 'Why.' }),
    actorName: t.exposeString('actorName', { description: 'Who booked it.' }),
    ticket: t.field({
      type: TicketRef,
      nullable: true,
      description: 'The ticket a goodwill reward was given on (staff only).',
      resolve: (entry, _args, ctx) =>
        entry.ticket ? visibleTicket(ctx, entry.ticket.id, 'ticket').catch(() => null) : null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When.' }),
  }),
});

const RewardEntryConnection = connectionType('RewardEntry', RewardEntryRef, 'ledger entry');

const NextTierRef = builder.objectRef<NonNullable<RewardStanding['next']>>('NextRewardTier').implement({
  description: 'The next tier up.',
  fields: (t) => ({
    tier: t.expose('tier', { type: RewardTierEnum, description: 'The tier.' }),
    pointsNeeded: t.exposeInt('pointsNeeded', { description: 'Points still to earn for it.' }),
  }),
});

const RewardsRef = builder.objectRef<RewardStanding & { customerId: number }>('CustomerRewards').implement({
  description: 'A customer’s points: balance, tier and ledger.',
  fields: (t) => ({
    balance: t.exposeInt('balance', { description: 'Points available to spend.' }),
    earnedLastYear: t.exposeInt('earnedLastYear', {
      description:
        'Points earned in the last 12 months, by when they were earned: a purchase’s points by its purchase date (a back-dated purchase does not count towards this year), grants and goodwill by when they were given.',
    }),
    tier: t.expose('tier', { type: RewardTierEnum, description: 'Current tier.' }),
    nextTier: t.field({
      type: NextTierRef,
      nullable: true,
      description: 'The next tier and what it takes; null at the top.',
      resolve: (r) => r.next,
    }),
    entries: t.field({
      type: RewardEntryConnection,
      description: 'The ledger, newest first.',
      args: pageArgs,
      resolve: (r, args, ctx) => ctx.loaders.customerRewardEntries.load({ parentId: r.customerId, ...args }),
    }),
  }),
});

builder.objectField(CustomerRef, 'rewards', (t) =>
  t.field({
    type: RewardsRef,
    nullable: true,
    description: 'Points balance, tier and ledger.',
    extensions: reads<Customer>('id'),
    resolve: async (customer, _args, ctx) => {
      allow(ctx, 'reward.read');
      return { ...(await ctx.loaders.customerRewards.load(customer.id)), customerId: customer.id };
    },
  }),
);

const PointsInput = builder.inputType('PointsInput', {
  description: 'Points to grant or spend, with the reason that goes on the ledger.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'Global id of the customer.' }),
    points: t.int({ required: true, description: 'How many, 1-1,000,000.' }),
    reason: t.string({ required: true, description: 'Why, 1-500 characters (e.g. "Birthday", "Coffee mug").' }),
    idempotencyKey: t.string({ description: 'A retry with the same key books the entry once.' }),
  }),
});

const GoodwillInput = builder.inputType('GoodwillInput', {
  description: 'A surprise for the customer of a ticket.',
  fields: (t) => ({
    ticketId: t.id({ required: true, description: 'Global id of the ticket.' }),
    points: t.int({ required: true, description: 'How many points, 1-1,000,000.' }),
    reason: t.string({ required: true, description: 'What and why, 1-500 characters.' }),
    idempotencyKey: t.string({ description: 'A retry with the same key grants once.' }),
  }),
});

const entry = { name: 'entry', description: 'The ledger entry.' };

/** grantPoints and spendPoints: the same input and checks, a different ledger entry. */
function pointsMutation(
  t: PothosSchemaTypes.MutationFieldBuilder<Types, object>,
  name: string,
  description: string,
  book: typeof grantPoints,
) {
  return t.field({
    type: RewardEntryRef,
    description,
    errors: mutationErrors(name, ['notFound', 'conflict'], entry),
    args: { input: t.arg({ type: PointsInput, required: true, description: 'The points.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'reward.write');
      const customerId = decodeId(input.customerId, 'Customer', 'input.customerId');
      const customer = await visibleCustomer(ctx, customerId, 'input.customerId');
      return book(ctx.em, { ...input, customerId: customer.id }, ctx.actor);
    },
  });
}

builder.mutationFields((t) => ({
  grantPoints: pointsMutation(
    t,
    'grantPoints',
    'Credits points to a customer (birthday, VIP, correction).',
    grantPoints,
  ),
  spendPoints: pointsMutation(
    t,
    'spendPoints',
    'Redeems points; refused (ValidationError on input.points) when the balance is too low.',
    spendPoints,
  ),
  grantGoodwill: t.field({
    type: RewardEntryRef,
    description:
      'A goodwill reward ("surprise them") from a ticket: points for its customer, recorded with the ticket and noted in its history. One per ticket.',
    errors: mutationErrors('grantGoodwill', ['notFound', 'conflict'], entry),
    args: { input: t.arg({ type: GoodwillInput, required: true, description: 'The reward.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'ticket.act');
      const ticket = await visibleTicket(ctx, decodeId(input.ticketId, 'Ticket', 'input.ticketId'), 'input.ticketId');
      return grantGoodwill(ctx.em, { ...input, ticketId: ticket.id }, ctx.actor);
    },
  }),
}));
