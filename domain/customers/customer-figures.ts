import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { pgArray } from '../data/pg-array.ts';

export interface Money {
  amountMinor: number;
  currency: string;
}

/** Behavioural figures of a customer, computed from their purchases. */
export interface CustomerFigures {
  purchaseCount: number;
  lastPurchaseAt: Date | null;
  /** One total per currency: amounts in different currencies are never added together. */
  totalSpend: Money[];
}

interface Row {
  customer_id: number;
  currency: string;
  purchases: number;
  total: string;
  last_at: Date;
}

/** Batches the figures of every customer on a page into one GROUP BY statement. */
export function customerFiguresLoader(em: EntityManager) {
  return new DataLoader<number, CustomerFigures>(async (ids) => {
    const rows = await em.getConnection().execute<Row[]>(
      `select customer_id, currency, count(*)::int as purchases, sum(amount_minor)::text as total,
              max(purchased_at) as last_at
         from purchase where customer_id = any(?::int[]) group by customer_id, currency order by currency`,
      [pgArray(ids)],
      'all',
      em.getTransactionContext(),
    );
    const figures = new Map<number, CustomerFigures>();
    for (const row of rows) {
      const entry = figures.get(row.customer_id) ?? { purchaseCount: 0, lastPurchaseAt: null, totalSpend: [] };
      entry.purchaseCount += row.purchases;
      const last = new Date(row.last_at);
      if (!entry.lastPurchaseAt || last > entry.lastPurchaseAt) entry.lastPurchaseAt = last;
      entry.totalSpend.push({ currency: row.currency, amountMinor: Number(row.total) });
      figures.set(row.customer_id, entry);
    }
    return ids.map((id) => figures.get(id) ?? { purchaseCount: 0, lastPurchaseAt: null, totalSpend: [] });
  });
}
