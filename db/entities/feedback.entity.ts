import { defineEntity, p } from '@mikro-orm/core';
import { feedbackChannels } from '../enums.ts';
import { Customer } from './customer.entity.ts';

export const FeedbackSchema = defineEntity({
  name: 'Feedback',
  indexes: [
    { properties: ['customer', 'submittedAt'] },
    { properties: ['submittedAt'] },
    { properties: ['nps', 'submittedAt'] },
  ],
  properties: {
    id: p.integer().primary(),
    customer: () => p.manyToOne(Customer),
    nps: p.smallint().nullable().check('nps >= 0 and nps <= 10'),
    csat: p.smallint().nullable().check('csat >= 1 and csat <= 5'),
    // Loyalty-tracker answers, 1-5 each.
    intentKeepBuying: p.smallint().nullable().check('intent_keep_buying >= 1 and intent_keep_buying <= 5'),
    intentBuyMore: p.smallint().nullable().check('intent_buy_more >= 1 and intent_buy_more <= 5'),
    brandImage: p.smallint().nullable().check('brand_image >= 1 and brand_image <= 5'),
    needsMet: p.smallint().nullable().check('needs_met >= 1 and needs_met <= 5'),
    comment: p.text().nullable(),
    channel: p.enum(feedbackChannels),
    submittedAt: p.datetime(),
    // Required: a retried submission carries the same key and is stored once.
    idempotencyKey: p.string().length(200).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Feedback extends FeedbackSchema.class {}
FeedbackSchema.setClass(Feedback);
