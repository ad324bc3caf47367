import type { Ticket } from '../db/entities/index.ts';
import { Customer } from '../db/entities/index.ts';
import { can } from '../domain/access/access.ts';
import type { CustomerFigures } from '../domain/customers/customer-figures.ts';
import { prefetchedFor } from '../domain/customers/customer-list-view.ts';
import { childPageKey } from '../domain/data/child-pages.ts';
import { emptyPage } from '../domain/data/pagination.ts';
import { npsCategory } from '../domain/loyalty/nps.ts';
import { AccountRef } from './account.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { ContactChannelEnum, NpsCategoryEnum, TicketStatusEnum } from './enums.ts';
import { FeedbackConnection, FeedbackRef } from './feedback.ts';
import { nodeVisibility } from './guards.ts';
import { loadNodes } from './ids.ts';
import { reads } from './look-ahead.ts';
import { MoneyRef } from './money.ts';
import { PurchaseConnection } from './purchase.ts';
import { TeamRef } from './team.ts';
import { TicketConnection } from './ticket.ts';

export const CustomerRef = builder.objectRef<Customer>('Customer');
export const CustomerConnection = connectionType('Customer', CustomerRef, 'customer');

const FiguresRef = builder.objectRef<{ customer: Customer; figures: CustomerFigures }>('CustomerFigures').implement({
  description: 'Simple loyalty figures of one customer: attitude (latest NPS) and behaviour (purchases).',
  fields: (t) => ({
    latestNps: t.int({
      nullable: true,
      description: 'The newest NPS answer (0-10); null if they never answered.',
      resolve: (f) => f.customer.latestNps ?? null,
    }),
    latestNpsAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the newest NPS answer was given.',
      resolve: (f) => f.customer.latestNpsAt ?? null,
    }),
    npsCategory: t.field({
      type: NpsCategoryEnum,
      nullable: true,
      description: 'Category of the newest NPS answer; null without one.',
      resolve: (f) => (f.customer.latestNps == null ? null : npsCategory(f.customer.latestNps)),
    }),
    purchaseCount: t.int({ description: 'Number of purchases ever.', resolve: (f) => f.figures.purchaseCount }),
    lastPurchaseAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Time of the newest purchase.',
      resolve: (f) => f.figures.lastPurchaseAt,
    }),
    totalSpend: t.field({
      type: [MoneyRef],
      description: 'Total spend, one entry per currency bought in.',
      resolve: (f) => f.figures.totalSpend,
    }),
  }),
});

builder.node(CustomerRef, {
  description: 'A customer: one person, owned by exactly one account team. The central customer view.',
  isTypeOf: (value) => value instanceof Customer,
  id: { resolve: (customer) => customer.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.customer, ids, nodeVisibility.customer(ctx)),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.exposeString('email', { nullable: true, description: 'E-mail address, unique when set.' }),
    externalRef: t.exposeString('externalRef', {
      nullable: true,
      description:
        'The customer’s id in the system they were imported from (npm run import matches on it); null for customers made here.',
    }),
    city: t.exposeString('city', { nullable: true, description: 'City, for segmenting.' }),
    region: t.exposeString('region', { nullable: true, description: 'Region or province, for segmenting.' }),
    birthDate: t.field({
      type: 'Date',
      nullable: true,
      description: 'Birth date, for birthday rewards.',
      extensions: reads<Customer>('birthDate'),
      resolve: (c) => c.birthDate ?? null,
    }),
    preferredChannel: t.expose('preferredChannel', {
      type: ContactChannelEnum,
      description: 'How the customer likes to be contacted.',
    }),
    surveyConsent: t.exposeBoolean('surveyConsent', {
      description: 'Whether the customer agreed to be asked for feedback.',
    }),
    slackUserId: t.exposeString('slackUserId', {
      nullable: true,
      description: 'Linked Slack user id, for feedback through Slack.',
    }),
    discordUserId: t.exposeString('discordUserId', {
      nullable: true,
      description: 'Linked Discord user id, for feedback through Discord.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the customer was added.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the profile last changed.' }),
    erasedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the personal data was erased (eraseCustomer); the scores and purchases remain, anonymous.',
      extensions: reads<Customer>('erasedAt'),
      resolve: (c) => c.erasedAt ?? null,
    }),
    account: t.field({
      type: AccountRef,
      nullable: true,
      description: 'The company account, for business customers.',
      extensions: reads<Customer>('account'),
      resolve: (c, _args, ctx) => (c.account ? ctx.loaders.account.load(c.account.id) : null),
    }),
    team: t.field({
      type: TeamRef,
      description: 'The account team that owns the customer.',
      extensions: reads<Customer>('team'),
      resolve: async (c, _args, ctx) => prefetchedFor(c)?.team ?? (await ctx.loaders.team.load(c.team.id))!,
    }),
    figures: t.field({
      type: FiguresRef,
      description: 'Latest NPS and its category, purchase count, last purchase and total spend.',
      extensions: reads<Customer>('id', 'latestNps', 'latestNpsAt'),
      resolve: async (customer, _args, ctx) => ({
        customer,
        figures: await ctx.loaders.customerFigures.load(customer.id),
      }),
    }),
    purchases: t.field({
      type: PurchaseConnection,
      description: 'Purchases, newest first.',
      args: pageArgs,
      extensions: reads<Customer>('id'),
      resolve: (c, args, ctx) => ctx.loaders.customerPurchases.load({ parentId: c.id, ...args }),
    }),
    feedback: t.field({
      type: FeedbackConnection,
      description: 'Feedback history, newest first.',
      args: pageArgs,
      extensions: reads<Customer>('id'),
      resolve: (c, args, ctx) => ctx.loaders.customerFeedback.load({ parentId: c.id, ...args }),
    }),
    latestFeedback: t.field({
      type: FeedbackRef,
      nullable: true,
      description: 'The newest feedback answer of any kind.',
      extensions: reads<Customer>('id'),
      resolve: async (c, _args, ctx) => {
        const prefetched = prefetchedFor(c)?.latestFeedback;
        if (prefetched !== undefined) return prefetched;
        return (await ctx.loaders.customerFeedback.load({ parentId: c.id, first: 1 })).items[0] ?? null;
      },
    }),
    tickets: t.field({
      type: TicketConnection,
      description:
        'Recovery and win-back tickets, newest first; filter by status for open or past ones. Empty for customer tokens.',
      args: {
        ...pageArgs,
        statuses: t.arg({ type: [TicketStatusEnum], description: 'Only tickets in these statuses.' }),
        status: t.arg({
          type: [TicketStatusEnum],
          description: 'Only tickets in these statuses.',
          deprecationReason: 'Use statuses, the name TicketFilter uses. Removed in the next release.',
        }),
      },
      extensions: reads<Customer>('id'),
      resolve: (c, { status, statuses, ...page }, ctx) => {
        if (!can(ctx.principal, 'ticket.read')) return emptyPage<Ticket>();
        const key = { parentId: c.id, ...page, filter: statuses ?? status };
        const prefetched = prefetchedFor(c)?.tickets;
        return prefetched?.key === childPageKey(key) ? prefetched.page : ctx.loaders.customerTickets.load(key);
      },
    }),
  }),
});
