import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Customer, Ticket } from '../../db/entities/index.ts';
import { churnRisk, isGoodCustomer } from '../loyalty/churn-risk.ts';
import { loadLoyaltyFacts } from '../loyalty/loyalty-facts.ts';
import { activeStatuses } from './ticket-lifecycle.ts';
import { openTicket } from './ticket-opening.ts';

export interface WinBackPolicy {
  /** A win-back opens when a good customer's churn risk rises to this or above (0-100). */
  riskThreshold: number;
  /** No second win-back for a customer within this many days of the last one. */
  cooldownDays: number;
}

const dayMs = 86_400_000;

/**
 * Evaluates the churn risk of some customers now and stores it. When a good customer's risk
 * crosses the threshold upwards, a WIN_BACK ticket opens, with the drivers in its first event, and
 * goes out through the same chat alerts as a low score. Each customer is handled in a transaction
 * of its own under a row lock, so concurrent evaluations cannot open two tickets.
 */
export async function evaluateChurn(
  em: EntityManager,
  customerIds: readonly number[],
  policy: WinBackPolicy,
  now = new Date(),
): Promise<Ticket[]> {
  const facts = await loadLoyaltyFacts(em, customerIds, now);
  const opened: Ticket[] = [];
  for (const id of customerIds) {
    const customerFacts = facts.get(id);
    if (!customerFacts) continue;
    const risk = churnRisk(customerFacts);
    const ticket = await em.transactional(async (tx) => {
      const customer = await tx.findOne(Customer, id, { populate: ['team'], lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!customer) return null;
      const before = customer.churnRisk ?? 0;
      customer.churnRisk = risk.score;
      customer.churnRiskAt = now;
      if (before >= policy.riskThreshold || risk.score < policy.riskThreshold || !isGoodCustomer(customerFacts)) {
        return null;
      }
      const recent = await tx.findOne(Ticket, {
        customer,
        kind: 'WIN_BACK',
        $or: [
          { status: { $in: [...activeStatuses] } },
          { createdAt: { $gt: new Date(now.getTime() - policy.cooldownDays * dayMs) } },
        ],
      });
      if (recent) return null;
      return openTicket(tx, {
        kind: 'WIN_BACK',
        customerId: customer.id,
        teamId: customer.team.id,
        sla: customer.team,
        why: `Churn risk ${risk.score}/100: ${risk.drivers.map((d) => d.explanation).join('; ')}`,
        now,
      });
    });
    if (ticket) opened.push(ticket);
  }
  return opened;
}

/**
 * One round of the periodic churn check: the customers whose risk is oldest (or never evaluated)
 * among those who bought or answered in the last 15 months, `batch` at a time. Purchases that
 * stop raise a risk without any write, so time alone has to trigger the check.
 */
export async function sweepChurn(
  em: EntityManager,
  policy: WinBackPolicy,
  batch = 500,
  now = new Date(),
): Promise<{ evaluated: number; opened: Ticket[] }> {
  const rows = await em.getConnection().execute<{ id: number }[]>(
    `select id from customer
      where erased_at is null
        and (last_purchase_at >= ?::timestamptz - interval '455 days' or latest_nps_at >= ?::timestamptz - interval '365 days')
        and (churn_risk_at is null or churn_risk_at < ?::timestamptz - interval '1 day')
      order by churn_risk_at nulls first, id limit ?`,
    [now, now, now, batch],
  );
  const opened = await evaluateChurn(
    em,
    rows.map((row) => Number(row.id)),
    policy,
    now,
  );
  return { evaluated: rows.length, opened };
}
