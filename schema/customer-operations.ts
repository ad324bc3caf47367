import { listCustomers } from '../domain/customers/customer-list.ts';
import { listCustomersAhead } from '../domain/customers/customer-list-view.ts';
import { createCustomer, updateCustomer } from '../domain/customers/customer-service.ts';
import { NotFoundError } from '../domain/shared/errors.ts';
import { builder, type Types } from './builder.ts';
import { pageArgs } from './connection.ts';
import { CustomerConnection, CustomerRef } from './customer.ts';
import { CustomerFilter, customerFilter } from './customer-filter.ts';
import { customerListPlan } from './customer-list-plan.ts';
import { ContactChannelEnum } from './enums.ts';
import { mutationErrors } from './errors.ts';
import { allow, nodeVisibility, scopedCustomerId, scopedTeamIds, visibleCustomer } from './guards.ts';
import { decodeId } from './ids.ts';

const CustomerSort = builder.enumType('CustomerSort', {
  description: 'Order of the customer list (ties broken by id).',
  values: {
    CREATED_AT_DESC: { description: 'Newest first.' },
    CREATED_AT_ASC: { description: 'Oldest first.' },
    NAME_ASC: { description: 'By name, A to Z.' },
    NAME_DESC: { description: 'By name, Z to A.' },
    UPDATED_AT_DESC: { description: 'Changed most recently first.' },
    UPDATED_AT_ASC: { description: 'Changed longest ago first: with updatedSince, how a polling client catches up.' },
    LATEST_NPS_DESC: { description: 'Newest NPS answer, highest first; customers without one last.' },
    LATEST_NPS_ASC: { description: 'Newest NPS answer, lowest first; customers without one first.' },
    LAST_PURCHASE_DESC: { description: 'Bought most recently first; never bought last.' },
    LAST_PURCHASE_ASC: { description: 'Longest since their last purchase first; never bought first.' },
    CHURN_RISK_DESC: { description: 'Highest churn risk (as last evaluated) first; not evaluated yet last.' },
    TOTAL_SPEND_DESC: {
      description: 'Most spent first, in spendCurrency (EUR by default); no purchase in it last.',
    },
  } as const,
});

builder.queryFields((t) => ({
  customer: t.field({
    type: CustomerRef,
    nullable: true,
    description: 'One customer with everything about them (the central customer view); null when the id is unknown.',
    args: { id: t.arg.id({ required: true, description: 'Global id of the customer.' }) },
    resolve: async (_root, args, ctx) => {
      allow(ctx, 'customer.read');
      const customer = await ctx.loaders.customer.load(decodeId(args.id, 'Customer', 'id'));
      return customer && nodeVisibility.customer(ctx)(customer) ? customer : null;
    },
  }),
  customers: t.field({
    type: CustomerConnection,
    description: 'Customers, filtered and sorted, a page at a time.',
    args: {
      ...pageArgs,
      filter: t.arg({ type: CustomerFilter, description: 'Conditions on the customers.' }),
      sort: t.arg({
        type: CustomerSort,
        defaultValue: 'CREATED_AT_DESC',
        description: 'Order; newest first by default.',
      }),
      spendCurrency: t.arg.string({
        defaultValue: 'EUR',
        description: 'The currency of the TOTAL_SPEND_DESC sort (amounts in different currencies are never added).',
      }),
    },
    resolve: async (_root, { filter, sort, spendCurrency, ...page }, ctx, info) => {
      allow(ctx, 'customer.read');
      const conditions = await customerFilter(ctx, filter, 'filter');
      const scoped = {
        ...conditions,
        teamIds: scopedTeamIds(ctx, conditions.teamIds ?? undefined),
        customerId: scopedCustomerId(ctx, null),
      };
      const order = sort ?? 'CREATED_AT_DESC';
      // The spend sort exists on the one-statement path only (its key is another table's).
      return ctx.settings.lookAhead === false && order !== 'TOTAL_SPEND_DESC'
        ? listCustomers(ctx.em, scoped, order, page)
        : listCustomersAhead(ctx.em, scoped, order, page, customerListPlan(info, ctx), spendCurrency ?? 'EUR', {
            prepared: ctx.settings.preparedStatements !== false,
          });
    },
  }),
}));

/** The profile's fields; `creating`: what a left-out field becomes (on an update it stays as it is). */
const profileFields = (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>, creating: boolean) => ({
  name: t.string({ description: 'Full name, 1-200 characters.' }),
  email: t.string({ description: 'E-mail address; unique.' }),
  accountName: t.string({ description: 'Company account name; created when new. Null removes the account.' }),
  city: t.string({ description: 'City.' }),
  region: t.string({ description: 'Region or province.' }),
  birthDate: t.field({ type: 'Date', description: 'Birth date, YYYY-MM-DD.' }),
  preferredChannel: t.field({
    type: ContactChannelEnum,
    description: `Preferred contact channel${creating ? ' (EMAIL when left out)' : ''}.`,
  }),
  surveyConsent: t.boolean({
    description: `Consent to be asked for feedback${creating ? ' (true when left out)' : ''}.`,
  }),
  slackUserId: t.string({ description: 'Slack user id, to take feedback through Slack; unique.' }),
  discordUserId: t.string({ description: 'Discord user id, to take feedback through Discord; unique.' }),
});

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  description: 'A new customer.',
  fields: (t) => ({
    teamId: t.id({ required: true, description: 'Global id of the owning team.' }),
    ...profileFields(t, true),
    name: t.string({ required: true, description: 'Full name, 1-200 characters.' }),
    referredById: t.id({
      description: 'Global id of the customer who referred this one (referrals make ambassadors).',
    }),
    idempotencyKey: t.string({ description: 'Any unique string; a retry with the same key returns the first result.' }),
  }),
});

const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
  description: 'Changes to a customer: left-out fields stay as they are, null clears an optional field.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'Global id of the customer.' }),
    teamId: t.id({ description: 'Move the customer to this team.' }),
    ...profileFields(t, false),
  }),
});

builder.mutationFields((t) => ({
  createCustomer: t.field({
    type: CustomerRef,
    description: 'Adds a customer to a team.',
    errors: mutationErrors('createCustomer', ['notFound', 'conflict'], {
      name: 'customer',
      description: 'The new customer.',
    }),
    args: { input: t.arg({ type: CreateCustomerInput, required: true, description: 'The customer.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'customer.create');
      const teamId = decodeId(input.teamId, 'Team', 'input.teamId');
      if (scopedTeamIds(ctx, [teamId])?.[0] !== teamId)
        throw new NotFoundError('No team with this id.', 'input.teamId');
      const referredById = input.referredById
        ? (
            await visibleCustomer(
              ctx,
              decodeId(input.referredById, 'Customer', 'input.referredById'),
              'input.referredById',
            )
          ).id
        : null;
      return createCustomer(ctx.em, { ...input, teamId, referredById }, ctx.actor);
    },
  }),
  updateCustomer: t.field({
    type: CustomerRef,
    description: 'Changes a customer’s profile or team.',
    errors: mutationErrors('updateCustomer', ['notFound', 'conflict'], {
      name: 'customer',
      description: 'The customer as changed.',
    }),
    args: { input: t.arg({ type: UpdateCustomerInput, required: true, description: 'The changes.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'customer.update');
      const customer = await visibleCustomer(
        ctx,
        decodeId(input.customerId, 'Customer', 'input.customerId'),
        'input.customerId',
      );
      if (input.teamId != null) allow(ctx, 'customer.move');
      return updateCustomer(
        ctx.em,
        {
          ...input,
          name: input.name ?? undefined,
          customerId: customer.id,
          teamId: input.teamId == null ? undefined : decodeId(input.teamId, 'Team', 'input.teamId'),
        },
        ctx.actor,
      );
    },
  }),
}));
