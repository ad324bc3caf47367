import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatDelivery, Customer, type Ticket } from '../../db/entities/index.ts';
import type { ChatPlatform } from '../../db/enums.ts';
import { surveyAllowedFrom } from './cooldown.ts';

export interface FollowUpPolicy {
  /** Ask again this long after a recovery ticket is resolved. */
  delayHours: number;
  /** ... but never within this many days of the last survey or answer (the survey cooldown). */
  cooldownDays: number;
}

export const defaultFollowUpPolicy: FollowUpPolicy = { delayHours: 72, cooldownDays: 7 };

const hourMs = 3_600_000;

/** The chat a customer can be surveyed on: the preferred one when linked, else Slack, else Discord. */
function surveyPlatform(customer: Customer): { platform: ChatPlatform; target: string } | null {
  const linked = [
    customer.slackUserId ? { platform: 'SLACK' as const, target: customer.slackUserId } : null,
    customer.discordUserId ? { platform: 'DISCORD' as const, target: customer.discordUserId } : null,
  ].filter((option) => option !== null);
  return linked.find((option) => option.platform === customer.preferredChannel) ?? linked[0] ?? null;
}

/**
 * After a recovery ticket is resolved, the customer is asked again: that answer against the one
 * that opened the ticket is the recovery paradox. Due `delayHours` after resolution and not within
 * the cooldown of the last survey or answer; queued as a chat survey when the customer agreed to
 * surveys and has a linked chat user, else left on the ticket (followUpDueAt) for other channels.
 */
export async function scheduleFollowUp(tx: EntityManager, ticket: Ticket, now: Date, policy: FollowUpPolicy) {
  if (ticket.kind !== 'SERVICE_RECOVERY') return;
  const customer = await tx.findOneOrFail(Customer, ticket.customer.id);
  const allowedFrom = await surveyAllowedFrom(tx, customer, policy.cooldownDays);
  const due = new Date(Math.max(now.getTime() + policy.delayHours * hourMs, allowedFrom.getTime()));
  ticket.followUpDueAt = due;
  const chat = customer.surveyConsent && !customer.erasedAt ? surveyPlatform(customer) : null;
  if (!chat) return;
  tx.create(ChatDelivery, {
    dedupeKey: `followup:${ticket.id}:${ticket.version}`,
    kind: 'SURVEY',
    customer,
    ticket,
    ...chat,
    nextAttemptAt: due,
  });
}

/** A reopened ticket is not recovered yet: its follow-up survey, if not sent, is withdrawn. */
export async function cancelFollowUp(tx: EntityManager, ticket: Ticket) {
  ticket.followUpDueAt = null;
  await tx.nativeDelete(ChatDelivery, {
    ticket: ticket.id,
    kind: 'SURVEY',
    messageRef: null,
    dedupeKey: { $like: `followup:${ticket.id}:%` },
  });
}
