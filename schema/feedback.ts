import { Feedback } from '../db/entities/index.ts';
import { customerScope } from '../domain/access/access.ts';
import { listFeedback } from '../domain/feedback/feedback-list.ts';
import { type SubmitFeedbackResult, submitFeedback } from '../domain/feedback/feedback-service.ts';
import { npsCategory } from '../domain/loyalty/nps.ts';
import { ValidationError } from '../domain/shared/errors.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { CustomerRef } from './customer.ts';
import { FeedbackChannelEnum, NpsCategoryEnum } from './enums.ts';
import { mutationErrors } from './errors.ts';
import { allow, nodeVisibility, scopedCustomerId, scopedTeamIds } from './guards.ts';
import { decodeId, decodeIds, loadNodes } from './ids.ts';
import { reads } from './look-ahead.ts';
import { TicketRef } from './ticket.ts';

export const FeedbackRef = builder.objectRef<Feedback>('Feedback');
export const FeedbackConnection = connectionType('Feedback', FeedbackRef, 'feedback answer');

builder.node(FeedbackRef, {
  description: 'One feedback answer: NPS, CSAT and/or loyalty-tracker questions, with an optional comment.',
  isTypeOf: (value) => value instanceof Feedback,
  id: { resolve: (feedback) => feedback.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.feedback, ids, nodeVisibility.ofCustomer(ctx)),
  fields: (t) => ({
    nps: t.exposeInt('nps', { nullable: true, description: '"How likely are you to recommend us?" 0-10.' }),
    npsCategory: t.field({
      type: NpsCategoryEnum,
      nullable: true,
      description: 'PROMOTER (9-10), PASSIVE (7-8) or DETRACTOR (0-6); null without an NPS answer.',
      extensions: reads<Feedback>('nps'),
      resolve: (f) => (f.nps == null ? null : npsCategory(f.nps)),
    }),
    csat: t.exposeInt('csat', { nullable: true, description: 'Satisfaction 1-5; 4 and 5 count as satisfied.' }),
    keepBuying: t.exposeInt('intentKeepBuying', {
      nullable: true,
      description: 'Tracker: intends to keep buying, 1-5 (the name the reports use).',
    }),
    buyMore: t.exposeInt('intentBuyMore', {
      nullable: true,
      description: 'Tracker: intends to buy more, 1-5 (the name the reports use).',
    }),
    intentKeepBuying: t.exposeInt('intentKeepBuying', {
      nullable: true,
      description: 'Tracker: intends to keep buying, 1-5.',
      deprecationReason: 'Use keepBuying: one name per concept, as in the reports. Removed in the next release.',
    }),
    intentBuyMore: t.exposeInt('intentBuyMore', {
      nullable: true,
      description: 'Tracker: intends to buy more, 1-5.',
      deprecationReason: 'Use buyMore: one name per concept, as in the reports. Removed in the next release.',
    }),
    brandImage: t.exposeInt('brandImage', { nullable: true, description: 'Tracker: opinion of the brand, 1-5.' }),
    needsMet: t.exposeInt('needsMet', { nullable: true, description: 'Tracker: needs and expectations met, 1-5.' }),
    comment: t.exposeString('comment', { nullable: true, description: 'Free-text comment.' }),
    channel: t.expose('channel', { type: FeedbackChannelEnum, description: 'Where the answer came from.' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', description: 'When the customer answered.' }),
    customer: t.field({
      type: CustomerRef,
      description: 'Who answered.',
      extensions: reads<Feedback>('customer'),
      resolve: async (f, _args, ctx) => (await ctx.loaders.customer.load(f.customer.id))!,
    }),
  }),
});

const FeedbackFilter = builder.inputType('FeedbackFilter', {
  description: 'Narrows the feedback list; all given conditions must hold. Ranges are inclusive.',
  fields: (t) => ({
    teamIds: t.idList({ description: 'From customers of these teams.' }),
    customerId: t.id({ description: 'From this customer.' }),
    npsMin: t.int({ description: 'NPS at least this.' }),
    npsMax: t.int({ description: 'NPS at most this.' }),
    csatMin: t.int({ description: 'CSAT at least this.' }),
    csatMax: t.int({ description: 'CSAT at most this.' }),
    channels: t.field({ type: [FeedbackChannelEnum], description: 'Came through one of these channels.' }),
    from: t.field({ type: 'DateTime', description: 'Submitted at or after this instant.' }),
    to: t.field({ type: 'DateTime', description: 'Submitted before this instant.' }),
    hasComment: t.boolean({ description: 'true: with a comment; false: without.' }),
  }),
});

const FeedbackSort = builder.enumType('FeedbackSort', {
  description: 'Order of the feedback list (ties broken by id).',
  values: {
    SUBMITTED_AT_DESC: { description: 'Newest first.' },
    SUBMITTED_AT_ASC: { description: 'Oldest first.' },
    NPS_DESC: { description: 'Highest NPS first; only answers with an NPS.' },
    NPS_ASC: { description: 'Lowest NPS first (detractors on top); only answers with an NPS.' },
  } as const,
});

builder.queryField('feedback', (t) =>
  t.field({
    type: FeedbackConnection,
    description: 'Feedback answers, newest first unless sorted otherwise.',
    args: {
      ...pageArgs,
      filter: t.arg({ type: FeedbackFilter, description: 'Conditions on the answers.' }),
      sort: t.arg({
        type: FeedbackSort,
        defaultValue: 'SUBMITTED_AT_DESC',
        description: 'Order; newest first by default.',
      }),
    },
    resolve: (_root, { filter, sort, ...page }, ctx) => {
      allow(ctx, 'feedback.read');
      return listFeedback(
        ctx.em,
        {
          ...filter,
          teamIds: scopedTeamIds(ctx, decodeIds(filter?.teamIds, 'Team', 'filter.teamIds')),
          customerId: scopedCustomerId(
            ctx,
            filter?.customerId ? decodeId(filter.customerId, 'Customer', 'filter.customerId') : null,
          ),
        },
        page,
        sort ?? 'SUBMITTED_AT_DESC',
      );
    },
  }),
);

/** A field given by its new name or its deprecated one: both at once must agree. */
function renamed(value: number | null | undefined, old: number | null | undefined, field: string) {
  if (value != null && old != null && value !== old) {
    throw new ValidationError(`${field}: given twice (also by its old name) with different values`, field);
  }
  return value ?? old;
}

const SubmitFeedbackInput = builder.inputType('SubmitFeedbackInput', {
  description: 'A feedback answer. Give at least one score.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'Global id of the customer answering.' }),
    nps: t.int({ description: '0-10. At or below the team threshold (6 by default) opens a recovery ticket.' }),
    csat: t.int({ description: '1-5. At or below the team threshold (2 by default) opens a recovery ticket.' }),
    keepBuying: t.int({ description: 'Tracker: intends to keep buying, 1-5.' }),
    buyMore: t.int({ description: 'Tracker: intends to buy more, 1-5.' }),
    intentKeepBuying: t.int({
      description: 'Tracker, 1-5.',
      deprecationReason: 'Use keepBuying. Removed in the next release.',
    }),
    intentBuyMore: t.int({
      description: 'Tracker, 1-5.',
      deprecationReason: 'Use buyMore. Removed in the next release.',
    }),
    brandImage: t.int({ description: 'Tracker, 1-5.' }),
    needsMet: t.int({ description: 'Tracker, 1-5.' }),
    comment: t.string({ description: 'Optional comment, up to 5000 characters.' }),
    channel: t.field({ type: FeedbackChannelEnum, required: true, description: 'Where the answer came from.' }),
    submittedAt: t.field({
      type: 'DateTime',
      description:
        'When the customer answered; now when left out. A low answer given more than 7 days before it is sent is history: stored and counted, but it opens no recovery ticket.',
    }),
    idempotencyKey: t.string({
      required: true,
      description: 'Unique per answer (e.g. a UUID made by the form). A retry with the same key stores nothing new.',
    }),
  }),
});

const SubmitFeedbackResultRef = builder.objectRef<SubmitFeedbackResult>('SubmitFeedbackResult').implement({
  description: 'The stored answer and what it set in motion.',
  fields: (t) => ({
    feedback: t.field({ type: FeedbackRef, description: 'The stored answer.', resolve: (r) => r.feedback }),
    ticket: t.field({
      type: TicketRef,
      nullable: true,
      description:
        'The recovery ticket the answer opened, or the open one it was added to; null when the answer was not low.',
      resolve: (r) => r.ticket,
    }),
    replayed: t.exposeBoolean('replayed', {
      description: 'True when this key was seen before and nothing new was stored.',
    }),
  }),
});

builder.mutationField('submitFeedback', (t) =>
  t.field({
    type: SubmitFeedbackResultRef,
    description:
      'Stores a feedback answer once per idempotency key and opens a recovery ticket when it is low, in one transaction.',
    errors: mutationErrors('submitFeedback', ['notFound', 'conflict']),
    args: { input: t.arg({ type: SubmitFeedbackInput, required: true, description: 'The answer.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'feedback.submit');
      const customerId = decodeId(input.customerId, 'Customer', 'input.customerId');
      const { keepBuying, buyMore, ...rest } = input;
      return submitFeedback(
        ctx.em,
        {
          ...rest,
          customerId,
          intentKeepBuying: renamed(keepBuying, input.intentKeepBuying, 'input.keepBuying'),
          intentBuyMore: renamed(buyMore, input.intentBuyMore, 'input.buyMore'),
        },
        customerScope(ctx.principal),
        { batchLanes: ctx.settings.feedbackBatchLanes },
      );
    },
  }),
);
