import type { ChatDelivery } from '../db/entities/index.ts';
import { chatPlatforms, deliveryKinds } from '../db/enums.ts';
import { claimConnectionLease, releaseConnectionLease } from '../domain/chat/connection-lease.ts';
import { firstToHandle } from '../domain/chat/interactions.ts';
import {
  claimDeliveries,
  completeDelivery,
  deliveryStatus,
  failDelivery,
  listDeliveries,
  retryDelivery,
  ticketOfAlertMessage,
} from '../domain/chat/outbox.ts';
import { addFeedbackComment, sendSurvey } from '../domain/surveys/survey-service.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { CustomerRef } from './customer.ts';
import { describedValues } from './enums.ts';
import { mutationErrors } from './errors.ts';
import { FeedbackRef } from './feedback.ts';
import { allow, visibleCustomer, visibleFeedback } from './guards.ts';
import { decodeId } from './ids.ts';
import { TicketRef } from './ticket.ts';

export const ChatPlatformEnum = builder.enumType('ChatPlatform', {
  description: 'A chat platform.',
  values: describedValues(chatPlatforms, { SLACK: 'Slack.', DISCORD: 'Discord.' }),
});
const DeliveryKindEnum = builder.enumType('ChatDeliveryKind', {
  description:
    'ALERT: a ticket’s message in the team channel. REMINDER, ESCALATION: replies in its thread. SURVEY: a DM to a customer.',
  values: describedValues(deliveryKinds, {
    ALERT: 'A ticket’s message in its team’s channel.',
    REMINDER: 'A reply in the alert’s thread before the acknowledgement is due.',
    ESCALATION: 'A reply in the alert’s thread, to the team lead, once it is overdue.',
    SURVEY: 'A direct message asking a customer for feedback.',
  }),
});

const DeliveryStatusEnum = builder.enumType('ChatDeliveryStatus', {
  description: 'Where a chat delivery stands.',
  values: {
    PENDING: { description: 'Still owed: not posted yet, or the ticket changed since (an ALERT to edit).' },
    DELIVERED: { description: 'The message is in the chat and shows the ticket as it is.' },
    FAILED: {
      description:
        'Given up on (a dead letter): the platform refused it for good, or it failed CHAT_DELIVERY_MAX_ATTEMPTS times. An admin can retryChatDelivery.',
    },
  } as const,
});

const ChatDeliveryRef = builder.objectRef<ChatDelivery>('ChatDelivery').implement({
  description: 'A message the product owes a chat channel (the outbox of the bots).',
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'Delivery id, for completeChatDelivery and failChatDelivery.' }),
    kind: t.expose('kind', { type: DeliveryKindEnum, description: 'What to post.' }),
    platform: t.expose('platform', { type: ChatPlatformEnum, description: 'Where to post.' }),
    target: t.exposeString('target', { description: 'Channel id to post in; for a SURVEY, the user id to DM.' }),
    messageRef: t.exposeString('messageRef', {
      nullable: true,
      description: 'The posted message: edit it instead of posting.',
    }),
    attempts: t.exposeInt('attempts', { description: 'Tries so far, this one included.' }),
    status: t.field({
      type: DeliveryStatusEnum,
      description: 'Pending, delivered, or failed (a dead letter).',
      resolve: (d) => deliveryStatus(d),
    }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'What the platform answered at the last failed attempt (cleared once delivered).',
    }),
    failedAt: t.expose('failedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was given up on; null unless FAILED.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was queued.' }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', description: 'When it is (or was) next tried.' }),
    wantedVersion: t.exposeInt('wantedVersion', { description: 'For an ALERT: the ticket version to show at least.' }),
    ticket: t.field({
      type: TicketRef,
      nullable: true,
      description: 'The ticket of an ALERT, REMINDER or ESCALATION.',
      resolve: (d, _a, ctx) => (d.ticket ? ctx.loaders.ticket.load(d.ticket.id) : null),
    }),
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      description: 'The customer a SURVEY goes to.',
      resolve: (d, _a, ctx) => (d.customer ? ctx.loaders.customer.load(d.customer.id) : null),
    }),
    threadRef: t.string({
      nullable: true,
      description: 'For a REMINDER or ESCALATION: the alert message to reply under.',
      resolve: async (d, _a, ctx) => {
        if (!d.ticket || d.kind === 'ALERT') return null;
        const alerts = await ctx.loaders.ticketAlerts.load(d.ticket.id);
        return alerts.find((alert) => alert.platform === d.platform)?.messageRef ?? null;
      },
    }),
  }),
});

const ClaimedRef = builder.objectRef<{ deliveries: ChatDelivery[] }>('ClaimedChatDeliveries').implement({
  description: 'Deliveries leased to the calling worker.',
  fields: (t) => ({
    deliveries: t.field({
      type: [ChatDeliveryRef],
      description: 'Due deliveries, oldest first.',
      resolve: (r) => r.deliveries,
    }),
  }),
});

const CompleteInput = builder.inputType('CompleteChatDeliveryInput', {
  description: 'What a worker posted.',
  fields: (t) => ({
    deliveryId: t.int({ required: true, description: 'The delivery.' }),
    messageRef: t.string({ required: true, description: 'Slack message ts or Discord message id.' }),
    postedVersion: t.int({ description: 'For an ALERT: the ticket version the message shows.' }),
  }),
});

const FailInput = builder.inputType('FailChatDeliveryInput', {
  description: 'Why a delivery failed, and when to try again.',
  fields: (t) => ({
    deliveryId: t.int({ required: true, description: 'The delivery.' }),
    error: t.string({ required: true, description: 'What went wrong (kept for operators).' }),
    retryAfterSeconds: t.int({ description: 'The platform’s Retry-After; exponential backoff when left out.' }),
    permanent: t.boolean({
      description: 'The platform refused for good (e.g. the channel is gone): give up now instead of retrying.',
    }),
  }),
});

const RetryDeliveryInput = builder.inputType('RetryChatDeliveryInput', {
  description: 'A dead letter to try again.',
  fields: (t) => ({
    deliveryId: t.int({ required: true, description: 'The delivery (its `id`).' }),
  }),
});

const ChatDeliveryConnection = connectionType('ChatDelivery', ChatDeliveryRef, 'chat delivery');

builder.queryField('chatDeliveries', (t) =>
  t.field({
    type: ChatDeliveryConnection,
    description: 'Admins: the chat outbox, newest first; `status: FAILED` lists the dead letters.',
    args: {
      ...pageArgs,
      status: t.arg({ type: DeliveryStatusEnum, description: 'Only deliveries in this state.' }),
      platform: t.arg({ type: ChatPlatformEnum, description: 'Only this platform’s.' }),
    },
    resolve: (_root, { status, platform, ...page }, ctx) => {
      allow(ctx, 'delivery.admin');
      return listDeliveries(ctx.em, { status, platform }, page);
    },
  }),
);

const SendSurveyInput = builder.inputType('SendSurveyInput', {
  description: 'A one-click NPS survey for a customer, sent as a chat DM.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'Global id of the customer.' }),
    platform: t.field({ type: ChatPlatformEnum, required: true, description: 'Slack or Discord.' }),
    idempotencyKey: t.string({ description: 'A retry with the same key returns the invitation already queued.' }),
  }),
});

const AddCommentInput = builder.inputType('AddFeedbackCommentInput', {
  description: 'The comment a customer adds after a one-click score.',
  fields: (t) => ({
    feedbackId: t.id({ required: true, description: 'Global id of the feedback.' }),
    comment: t.string({ required: true, description: 'The comment, up to 5000 characters.' }),
  }),
});

const delivery = { name: 'delivery', description: 'The delivery as recorded.' };

builder.mutationFields((t) => ({
  claimChatDeliveries: t.field({
    type: ClaimedRef,
    description:
      'For bot workers: leases due deliveries of one platform (and first queues due reminders and escalations).',
    errors: mutationErrors('claimChatDeliveries', [], { name: 'claimed', description: 'The leased deliveries.' }),
    args: {
      platform: t.arg({ type: ChatPlatformEnum, required: true, description: 'The worker’s platform.' }),
      limit: t.arg.int({ defaultValue: 10, description: 'At most this many (1-100).' }),
    },
    resolve: async (_root, args, ctx) => {
      allow(ctx, 'delivery.work');
      return { deliveries: await claimDeliveries(ctx.em, args.platform, args.limit ?? 10, ctx.settings.delivery) };
    },
  }),
  completeChatDelivery: t.field({
    type: ChatDeliveryRef,
    description: 'For bot workers: records a posted or edited message.',
    errors: mutationErrors('completeChatDelivery', ['notFound'], delivery),
    args: { input: t.arg({ type: CompleteInput, required: true, description: 'The result.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'delivery.work');
      const delivery = await completeDelivery(ctx.em, input.deliveryId, input);
      if (delivery.postedVersion <= 1) {
        ctx.settings.onDelivered?.(
          delivery.platform,
          delivery.kind,
          (Date.now() - delivery.createdAt.getTime()) / 1000,
        );
      }
      return delivery;
    },
  }),
  failChatDelivery: t.field({
    type: ChatDeliveryRef,
    description: 'For bot workers: records a failure and schedules the next try.',
    errors: mutationErrors('failChatDelivery', ['notFound'], delivery),
    args: { input: t.arg({ type: FailInput, required: true, description: 'The failure.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'delivery.work');
      return failDelivery(ctx.em, input.deliveryId, input, ctx.settings.delivery);
    },
  }),
  claimChatConnection: t.boolean({
    description:
      'For bots: takes or renews the lease on a platform’s websocket for the calling process (one holder at a time, across all processes); true while it holds it. Renew well within `ttlSeconds`.',
    args: {
      platform: t.arg({ type: ChatPlatformEnum, required: true, description: 'Whose websocket.' }),
      holder: t.arg.string({ required: true, description: 'The calling process, unique among them.' }),
      ttlSeconds: t.arg.int({ required: true, description: 'How long the lease lasts unless renewed (5-300).' }),
    },
    resolve: (_root, args, ctx) => {
      allow(ctx, 'delivery.work');
      const ttl = Math.min(Math.max(args.ttlSeconds, 5), 300);
      return claimConnectionLease(ctx.em, args.platform, args.holder, ttl);
    },
  }),
  releaseChatConnection: t.boolean({
    description: 'For bots: gives the lease up (a clean stop), so another process takes over at once. Always true.',
    args: {
      platform: t.arg({ type: ChatPlatformEnum, required: true, description: 'Whose websocket.' }),
      holder: t.arg.string({ required: true, description: 'The process that held it.' }),
    },
    resolve: async (_root, args, ctx) => {
      allow(ctx, 'delivery.work');
      await releaseConnectionLease(ctx.em, args.platform, args.holder);
      return true;
    },
  }),
  recordChatInteraction: t.boolean({
    description:
      'For bots: true for the first caller to record this interaction (any process), false for a repeat, which must only be answered.',
    args: {
      key: t.arg.string({ required: true, description: 'Platform and its interaction id, e.g. `discord:1234`.' }),
    },
    resolve: (_root, args, ctx) => {
      allow(ctx, 'delivery.work');
      return firstToHandle(ctx.em, args.key.slice(0, 200));
    },
  }),
  retryChatDelivery: t.field({
    type: ChatDeliveryRef,
    description: 'Admins: tries a failed delivery (a dead letter) again, at once and with a fresh count of attempts.',
    errors: mutationErrors('retryChatDelivery', ['notFound'], delivery),
    args: { input: t.arg({ type: RetryDeliveryInput, required: true, description: 'Which delivery.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'delivery.admin');
      return retryDelivery(ctx.em, input.deliveryId);
    },
  }),
  sendSurvey: t.field({
    type: ChatDeliveryRef,
    description: 'Sends a customer a one-click 0-10 survey by chat DM, respecting consent and the survey cooldown.',
    errors: mutationErrors('sendSurvey', ['notFound', 'conflict'], delivery),
    args: { input: t.arg({ type: SendSurveyInput, required: true, description: 'Who and where.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'survey.send');
      const customer = await visibleCustomer(
        ctx,
        decodeId(input.customerId, 'Customer', 'input.customerId'),
        'input.customerId',
      );
      return sendSurvey(ctx.em, { ...input, customerId: customer.id }, ctx.settings.surveyCooldownDays);
    },
  }),
  addFeedbackComment: t.field({
    type: FeedbackRef,
    description: 'Adds a comment to feedback that has none (the second step of a one-click survey).',
    errors: mutationErrors('addFeedbackComment', ['notFound', 'conflict'], {
      name: 'feedback',
      description: 'The feedback with its comment.',
    }),
    args: { input: t.arg({ type: AddCommentInput, required: true, description: 'The comment.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'feedback.submit');
      const feedback = await visibleFeedback(
        ctx,
        decodeId(input.feedbackId, 'Feedback', 'input.feedbackId'),
        'input.feedbackId',
      );
      return addFeedbackComment(ctx.em, { ...input, feedbackId: feedback.id });
    },
  }),
}));

builder.queryField('ticketForChatMessage', (t) =>
  t.field({
    type: TicketRef,
    nullable: true,
    description: 'For bots: the ticket whose alert is this chat message (to record thread replies as notes).',
    args: {
      platform: t.arg({ type: ChatPlatformEnum, required: true, description: 'Slack or Discord.' }),
      messageRef: t.arg.string({ required: true, description: 'Slack message ts or Discord message id of the alert.' }),
      channel: t.arg.string({
        description:
          'The channel the message is in. Slack timestamps are unique only within a channel: give it for Slack.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      allow(ctx, 'delivery.work');
      const ticketId = await ticketOfAlertMessage(ctx.em, args.platform, args.messageRef, args.channel);
      return ticketId === null ? null : ctx.loaders.ticket.load(ticketId);
    },
  }),
);
