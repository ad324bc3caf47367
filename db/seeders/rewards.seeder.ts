import type { EntityManager } from '@mikro-orm/core';
import { type Customer, Purchase, RewardEntry, Segment, Ticket } from '../entities/index.ts';
import type { Random } from './random.ts';

/**
 * Referrals, the points ledger and two saved segments for the demo. Points follow the product's
 * rule (a point per euro of every purchase); one customer in five redeems points now and then,
 * and some resolved recovery tickets came with a goodwill surprise.
 */
export async function seedRewards(em: EntityManager, random: Random, customers: Customer[]) {
  const loyal = customers.slice(0, Math.ceil(customers.length / 5));
  for (const customer of customers.slice(loyal.length).filter(() => random.chance(0.1))) {
    customer.referredBy = random.pick(loyal);
  }
  const purchases = await em.find(Purchase, {}, { orderBy: { purchasedAt: 'asc' }, populate: ['product'] });
  const goodwill = new Map<number, Ticket>();
  for (const ticket of await em.find(Ticket, { status: { $in: ['RESOLVED', 'CLOSED'] } })) {
    if (random.chance(0.3)) goodwill.set(ticket.customer.id, ticket);
  }
  const balances = new Map<number, number>();
  const book = (customer: Customer, entry: Partial<RewardEntry> & Pick<RewardEntry, 'kind' | 'points' | 'reason'>) => {
    const balance = (balances.get(customer.id) ?? 0) + entry.points;
    balances.set(customer.id, balance);
    em.create(RewardEntry, { customer, actorName: 'loyalty-loop', balanceAfter: balance, ...entry });
  };
  for (const purchase of purchases) {
    const customer = purchase.customer as Customer;
    const points = Math.floor(purchase.amountMinor / 100);
    if (points > 0) {
      book(customer, {
        kind: 'EARN',
        points,
        reason: `Purchase of ${purchase.quantity} × ${purchase.product.sku}`,
        purchase,
        createdAt: purchase.purchasedAt,
      });
    }
    const ticket = goodwill.get(customer.id);
    if (ticket?.resolvedAt && ticket.resolvedAt < purchase.purchasedAt) {
      book(customer, {
        kind: 'GOODWILL',
        points: 250,
        reason: 'Sorry for the trouble',
        ticket,
        createdAt: ticket.resolvedAt,
      });
      goodwill.delete(customer.id);
    }
    if (customers.indexOf(customer) % 5 === 1 && (balances.get(customer.id) ?? 0) >= 150 && random.chance(0.3)) {
      book(customer, { kind: 'SPEND', points: -150, reason: 'Free coffee beans', createdAt: purchase.purchasedAt });
    }
  }
  em.create(Segment, {
    name: 'Promotors in Utrecht, kochten in de laatste 90 dagen',
    description: 'Ambassadeurs om uit te nodigen voor de proefavond.',
    filter: { city: 'Utrecht', npsCategory: 'PROMOTER', boughtWithinDays: 90 },
  });
  em.create(Segment, {
    name: 'Wegglippers: vertrekrisico 60+',
    description: 'Goede klanten die wegglippen (vertrekrisico bij de laatste berekening).',
    filter: { minChurnRisk: 60 },
  });
}
