import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { type Purchase, RewardEntry, Ticket } from '../../db/entities/index.ts';
import type { RewardEntryKind } from '../../db/enums.ts';
import type { Actor } from '../access/actor.ts';
import { customerNotFound } from '../customers/find-customer.ts';
import { findByIdempotencyKey } from '../data/idempotency.ts';
import { pgArray } from '../data/pg-array.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { parseInput, text } from '../shared/validation.ts';
import { recordOnTicket } from '../tickets/ticket-service.ts';
import { pointsForPurchase, type TierStanding, tierFor } from './reward-rules.ts';

const points = z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'at most 1000000');
const reason = z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters');

const entryInput = z.object({
  customerId: z.number().int().positive(),
  points,
  reason,
  idempotencyKey: text.idempotencyKey.nullish(),
});

/**
 * Appends one ledger entry under a row lock on the customer, so that concurrent entries see each
 * other's balance; the running balance's CHECK refuses anything below zero as a last line.
 */
async function append(
  tx: EntityManager,
  customerId: number,
  entry: { kind: RewardEntryKind; points: number; reason: string; actor: Actor } & Partial<
    Pick<RewardEntry, 'purchase' | 'ticket' | 'idempotencyKey'>
  >,
): Promise<RewardEntry> {
  const [row] = await tx
    .getConnection()
    .execute<{ id: number }[]>(
      'select id from customer where id = ? for update',
      [customerId],
      'all',
      tx.getTransactionContext(),
    );
  if (!row) throw customerNotFound();
  const last = await tx.findOne(RewardEntry, { customer: customerId }, { orderBy: { id: 'desc' } });
  const balance = (last?.balanceAfter ?? 0) + entry.points;
  if (balance < 0) {
    throw new ValidationError(
      `Not enough points: the balance is ${last?.balanceAfter ?? 0}, ${-entry.points} asked.`,
      'input.points',
    );
  }
  return tx.create(RewardEntry, {
    customer: customerId,
    kind: entry.kind,
    points: entry.points,
    balanceAfter: balance,
    reason: entry.reason,
    purchase: entry.purchase ?? null,
    ticket: entry.ticket ?? null,
    idempotencyKey: entry.idempotencyKey ?? null,
    actorName: entry.actor.name,
  });
}

async function replayed(tx: EntityManager, key: string | null | undefined, expected: Partial<RewardEntry>) {
  if (!key) return null;
  const existing = await findByIdempotencyKey(tx, RewardEntry, key);
  if (!existing) return null;
  const same = Object.entries(expected).every(
    ([field, value]) => (existing as unknown as Record<string, unknown>)[field] === value,
  );
  if (!same)
    throw new ConflictError('This idempotency key was already used for another entry.', 'input.idempotencyKey');
  return existing;
}

/** Points a purchase earns, booked in the purchase's own transaction. */
export async function earnForPurchase(tx: EntityManager, purchase: Purchase, actor: Actor): Promise<void> {
  const earned = pointsForPurchase(purchase.amountMinor);
  if (earned === 0) return;
  await append(tx, purchase.customer.id, {
    kind: 'EARN',
    points: earned,
    reason: `Purchase of ${purchase.quantity} × ${purchase.product.sku}`,
    purchase,
    actor,
  });
}

/** Grants points for a reason (a birthday, a VIP gesture, a correction). */
export function grantPoints(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(entryInput, raw);
  return em.transactional(
    async (tx) =>
      (await replayed(tx, input.idempotencyKey, { points: input.points, kind: 'EARN' })) ??
      append(tx, input.customerId, { kind: 'EARN', ...input, actor }),
  );
}

/** Spends (redeems) points; the balance never goes below zero. */
export function spendPoints(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(entryInput, raw);
  return em.transactional(
    async (tx) =>
      (await replayed(tx, input.idempotencyKey, { points: -input.points, kind: 'SPEND' })) ??
      append(tx, input.customerId, { kind: 'SPEND', ...input, points: -input.points, actor }),
  );
}

const goodwillInput = z.object({
  ticketId: z.number().int().positive(),
  points,
  reason,
  idempotencyKey: text.idempotencyKey.nullish(),
});

/**
 * A surprise for the customer of a ticket ("surprise them"): points recorded with the ticket, and a
 * note on the ticket saying so, in one transaction. One goodwill reward per ticket.
 */
export function grantGoodwill(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(goodwillInput, raw);
  return em.transactional(async (tx) => {
    const earlier = await replayed(tx, input.idempotencyKey, { points: input.points, kind: 'GOODWILL' });
    if (earlier) return earlier;
    // The ticket's row lock makes two concurrent grants on one ticket take turns: one, then a conflict.
    const ticket = await tx.findOne(Ticket, input.ticketId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!ticket) throw new NotFoundError('No ticket with this id.', 'input.ticketId');
    if (await tx.findOne(RewardEntry, { ticket, kind: 'GOODWILL' })) {
      throw new ConflictError('This ticket already has a goodwill reward.', 'input.ticketId');
    }
    const entry = await append(tx, ticket.customer.id, {
      kind: 'GOODWILL',
      points: input.points,
      reason: input.reason,
      ticket,
      idempotencyKey: input.idempotencyKey ?? null,
      actor,
    });
    await recordOnTicket(tx, ticket.id, actor, `Goodwill: ${input.points} points — ${input.reason}`);
    return entry;
  });
}

export interface RewardStanding extends TierStanding {
  balance: number;
  earnedLastYear: number;
}

/**
 * Balance, points earned in the last 12 months, and the tier they give, for many customers at once.
 * Points count from when they were earned: a purchase's from its purchase date (a back-dated
 * purchase recorded today earned its points back then), others from when they were granted.
 */
export async function rewardStandings(em: EntityManager, customerIds: readonly number[], now = new Date()) {
  const rows = await em.getConnection().execute<{ customer_id: number; balance: string; earned: string }[]>(
    `select c.id as customer_id,
            coalesce((select balance_after from reward_entry r where r.customer_id = c.id order by r.id desc limit 1), 0) as balance,
            coalesce((select sum(r.points) from reward_entry r left join purchase p on p.id = r.purchase_id
                       where r.customer_id = c.id and r.points > 0
                         and coalesce(p.purchased_at, r.created_at) > ?::timestamptz - interval '12 months'), 0) as earned
       from customer c where c.id = any(?::int[])`,
    [now, pgArray(customerIds)],
  );
  const byId = new Map(rows.map((row) => [Number(row.customer_id), row]));
  return customerIds.map((id): RewardStanding => {
    const row = byId.get(id);
    const earned = Number(row?.earned ?? 0);
    return { balance: Number(row?.balance ?? 0), earnedLastYear: earned, ...tierFor(earned) };
  });
}
