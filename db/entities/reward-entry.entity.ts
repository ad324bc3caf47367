import { defineEntity, p } from '@mikro-orm/core';
import { rewardEntryKinds } from '../enums.ts';
import { Customer } from './customer.entity.ts';
import { Purchase } from './purchase.entity.ts';
import { Ticket } from './ticket.entity.ts';

/**
 * The points ledger: append-only, one row per earning or spending, each with its reason. Entries of
 * one customer are written under a lock on the customer, and `balance_after` carries the running
 * balance, so the CHECK makes a negative balance impossible even for a writer that skips the domain.
 */
export const RewardEntrySchema = defineEntity({
  name: 'RewardEntry',
  indexes: [{ properties: ['customer', 'createdAt'] }],
  properties: {
    id: p.integer().primary(),
    customer: () => p.manyToOne(Customer),
    kind: p.enum(rewardEntryKinds),
    points: p.integer().check('points <> 0'),
    balanceAfter: p.integer().check('balance_after >= 0'),
    reason: p.string().length(500),
    // A purchase earns its points once; a goodwill reward is recorded with its ticket.
    purchase: () => p.manyToOne(Purchase).nullable().unique(),
    ticket: () => p.manyToOne(Ticket).nullable().index(),
    actorName: p.string().length(200),
    idempotencyKey: p.string().length(200).nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class RewardEntry extends RewardEntrySchema.class {}
RewardEntrySchema.setClass(RewardEntry);
