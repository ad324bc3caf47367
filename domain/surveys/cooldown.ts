import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatDelivery, type Customer, Feedback } from '../../db/entities/index.ts';

const dayMs = 86_400_000;

/**
 * The survey cooldown, the one rule for "stay in touch without pestering": a customer is not asked
 * again within `cooldownDays` of their last contact. The last contact is the later of their newest
 * answer (by any channel) and their newest survey invitation, counted from when it is or was due
 * to go out, so that a follow-up queued for later already holds the next invitation back.
 */
export async function surveyAllowedFrom(tx: EntityManager, customer: Customer, cooldownDays: number): Promise<Date> {
  const [answered, asked] = await Promise.all([
    tx.findOne(Feedback, { customer }, { orderBy: { submittedAt: 'desc' } }),
    tx.findOne(ChatDelivery, { customer, kind: 'SURVEY' }, { orderBy: { nextAttemptAt: 'desc' } }),
  ]);
  const lastContact = Math.max(answered?.submittedAt.getTime() ?? 0, asked?.nextAttemptAt.getTime() ?? 0);
  return new Date(lastContact === 0 ? 0 : lastContact + cooldownDays * dayMs);
}
