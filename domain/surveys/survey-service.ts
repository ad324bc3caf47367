import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ChatDelivery, Feedback } from '../../db/entities/index.ts';
import type { ChatPlatform } from '../../db/enums.ts';
import { findCustomer } from '../customers/find-customer.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { parseInput, text } from '../shared/validation.ts';
import { surveyAllowedFrom } from './cooldown.ts';

/**
 * Invites a customer to a one-click NPS survey in a chat DM. Not without consent, and not when the
 * customer was asked or answered within the cooldown: stay in touch without pestering.
 * The same idempotency key returns the invitation already queued.
 */
export async function sendSurvey(
  em: EntityManager,
  input: { customerId: number; platform: ChatPlatform; idempotencyKey?: string | null },
  cooldownDays: number,
  now = new Date(),
): Promise<ChatDelivery> {
  const key = parseInput(text.idempotencyKey.nullish(), input.idempotencyKey, 'input.idempotencyKey');
  return em.transactional(async (tx) => {
    if (key) {
      const existing = await tx.findOne(ChatDelivery, { dedupeKey: `survey:${key}` });
      if (existing) return existing;
    }
    const customer = await findCustomer(tx, input.customerId);
    if (!customer.surveyConsent)
      throw new ValidationError('The customer has not agreed to be surveyed.', 'input.customerId');
    const target = input.platform === 'SLACK' ? customer.slackUserId : customer.discordUserId;
    if (!target) {
      throw new ValidationError(`The customer has no linked ${input.platform.toLowerCase()} user.`, 'input.platform');
    }
    const allowedFrom = await surveyAllowedFrom(tx, customer, cooldownDays);
    if (allowedFrom > now) {
      throw new ConflictError(
        `The customer was asked or answered within ${cooldownDays} days; ask again after ${allowedFrom.toISOString()}.`,
        'input.customerId',
      );
    }
    return tx.create(ChatDelivery, {
      dedupeKey: `survey:${key ?? `${customer.id}:${now.toISOString()}`}`,
      platform: input.platform,
      kind: 'SURVEY',
      customer,
      target,
      nextAttemptAt: now,
    });
  });
}

const commentSchema = z.object({ feedbackId: z.number().int().positive(), comment: text.note });

/** Adds the comment a customer gives after a one-click score; a comment is never overwritten. */
export async function addFeedbackComment(em: EntityManager, raw: { feedbackId: number; comment: string }) {
  const input = parseInput(commentSchema, raw);
  return em.transactional(async (tx) => {
    const feedback = await tx.findOne(Feedback, input.feedbackId);
    if (!feedback) throw new NotFoundError('No feedback with this id.', 'input.feedbackId');
    if (feedback.comment && feedback.comment !== input.comment) {
      throw new ConflictError('This feedback already has a comment.', 'input.feedbackId');
    }
    feedback.comment = input.comment;
    return feedback;
  });
}
