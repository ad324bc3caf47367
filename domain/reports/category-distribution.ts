import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer } from '../../db/entities/index.ts';
import { classifyLoyalty, type LoyaltyCategory, loyaltyCategories } from '../loyalty/loyalty-category.ts';
import { loadLoyaltyFacts } from '../loyalty/loyalty-facts.ts';
import type { ReportScope } from './report-scope.ts';

export interface CategoryCount {
  category: LoyaltyCategory;
  customers: number;
}

/** Customers whose facts are loaded at once: five statements per chunk, memory bounded. */
const chunkSize = 1_000;

/**
 * How many customers in scope fall in each of the loyalty categories now, by the same rule as
 * a customer's own `loyalty.category` (classifyLoyalty over their facts), so the two never
 * disagree. Erased customers are left out. Every category is listed, with 0 where none.
 */
export async function categoryDistribution(
  em: EntityManager,
  scope: ReportScope,
  now = new Date(),
): Promise<CategoryCount[]> {
  const conditions = [
    { erasedAt: null },
    ...(scope.teamId ? [{ team: scope.teamId }] : []),
    ...(scope.customers ? [scope.customers] : []),
  ];
  const rows = await em
    .createQueryBuilder(Customer, 'c')
    .select('c.id')
    .where({ $and: conditions } as never)
    .orderBy({ id: 'asc' })
    .execute<{ id: number }[]>('all', false);
  const counts = new Map<LoyaltyCategory, number>(loyaltyCategories.map((category) => [category, 0]));
  for (let start = 0; start < rows.length; start += chunkSize) {
    const ids = rows.slice(start, start + chunkSize).map((row) => Number(row.id));
    for (const facts of (await loadLoyaltyFacts(em, ids, now)).values()) {
      const { category } = classifyLoyalty(facts);
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
  }
  return [...counts].map(([category, customers]) => ({ category, customers }));
}
