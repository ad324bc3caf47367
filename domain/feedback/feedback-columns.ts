import { z } from 'zod';
import { feedbackChannels } from '../../db/enums.ts';
import { score, text } from '../shared/validation.ts';

/** One feedback answer's fields, shared by live submissions and imports of history. */
export const feedbackFields = {
  customerId: z.number().int().positive(),
  nps: score(0, 10).nullish(),
  csat: score(1, 5).nullish(),
  intentKeepBuying: score(1, 5).nullish(),
  intentBuyMore: score(1, 5).nullish(),
  brandImage: score(1, 5).nullish(),
  needsMet: score(1, 5).nullish(),
  comment: text.comment.nullish(),
  channel: z.enum(feedbackChannels),
  idempotencyKey: text.idempotencyKey,
};

export type FeedbackFields = z.output<z.ZodObject<typeof feedbackFields>>;

export const scoreFields = ['nps', 'csat', 'intentKeepBuying', 'intentBuyMore', 'brandImage', 'needsMet'] as const;

/** The columns a new answer fills and their types: customer_id, then feedbackValues' columns in order. */
export const feedbackColumnTypes: readonly (readonly [column: string, type: string])[] = [
  ['customer_id', 'int'],
  ['nps', 'smallint'],
  ['csat', 'smallint'],
  ['intent_keep_buying', 'smallint'],
  ['intent_buy_more', 'smallint'],
  ['brand_image', 'smallint'],
  ['needs_met', 'smallint'],
  ['comment', 'text'],
  ['channel', 'text'],
  ['submitted_at', 'timestamptz'],
  ['idempotency_key', 'text'],
  ['created_at', 'timestamptz'],
];

export const feedbackColumns = feedbackColumnTypes.map(([column]) => column).join(', ');

export function feedbackValues(input: FeedbackFields, submittedAt: Date): unknown[] {
  return [
    ...scoreFields.map((field) => input[field] ?? null),
    input.comment || null,
    input.channel,
    submittedAt,
    input.idempotencyKey,
    new Date(),
  ];
}
