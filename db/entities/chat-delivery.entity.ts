import { defineEntity, p } from '@mikro-orm/core';
import { chatPlatforms, deliveryKinds } from '../enums.ts';
import { Customer } from './customer.entity.ts';
import { Ticket } from './ticket.entity.ts';

/**
 * The transactional outbox of the chat bots: one row per message the product owes a chat channel,
 * written in the same transaction as the change that owes it. `dedupeKey` makes it one row per
 * ticket, kind and platform; the delivery worker claims due rows with a lease and retries them.
 */
export const ChatDeliverySchema = defineEntity({
  name: 'ChatDelivery',
  indexes: [{ properties: ['platform', 'nextAttemptAt'] }, { properties: ['platform', 'messageRef'] }],
  properties: {
    id: p.integer().primary(),
    dedupeKey: p.string().length(200).unique(),
    platform: p.enum(chatPlatforms),
    kind: p.enum(deliveryKinds),
    ticket: () => p.manyToOne(Ticket).nullable().index(),
    customer: () => p.manyToOne(Customer).nullable().index(),
    /** Slack or Discord channel (or, for a survey, the user to DM). */
    target: p.string().length(64),
    /** The posted message (Slack ts, Discord message id) once it exists: later versions edit it. */
    messageRef: p.string().length(64).nullable(),
    /** For an ALERT: the ticket version that should be shown, and the one that is. */
    wantedVersion: p.integer().default(1),
    postedVersion: p.integer().default(0),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    lockedUntil: p.datetime().nullable(),
    lastError: p.text().nullable(),
    /**
     * Set when the delivery is given up on (a permanent platform error, or too many attempts): a
     * dead letter, not claimed again until an admin retries it.
     */
    failedAt: p.datetime().nullable().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class ChatDelivery extends ChatDeliverySchema.class {}
ChatDeliverySchema.setClass(ChatDelivery);
