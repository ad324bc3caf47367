import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer } from '../../db/entities/index.ts';
import type { ContactChannel } from '../../db/enums.ts';
import { containsPattern, escapeLike } from '../data/like-pattern.ts';
import { findPage, type PageArgs } from '../data/pagination.ts';
import { type NpsCategory, npsCategoryRange } from '../loyalty/nps.ts';
import { activeStatuses } from '../tickets/ticket-lifecycle.ts';

export interface CustomerFilter {
  teamIds?: number[] | null;
  /** Only this customer (how a customer's own token sees the list). */
  customerId?: number | null;
  city?: string | null;
  region?: string | null;
  preferredChannel?: ContactChannel | null;
  /** Category of the customer's latest NPS answer. */
  npsCategory?: NpsCategory | null;
  hasOpenTicket?: boolean | null;
  /** Case-insensitive match on name or e-mail. */
  search?: string | null;
  accountId?: number | null;
  /** Bought at least once in the last N days. */
  boughtWithinDays?: number | null;
  /** Did not buy in the last N days (including never). */
  notBoughtWithinDays?: number | null;
  /** Churn risk as last evaluated (evaluateChurn) at least this. */
  minChurnRisk?: number | null;
  /** Whose own record (profile, consent, team, churn risk) changed at or after this: for polling clients. */
  updatedSince?: Date | null;
  /** A saved segment's filter, which must hold as well. */
  segment?: CustomerFilter | null;
}

/**
 * The list's sorts: the orderings, and total spend in one currency, highest first (customers
 * without a purchase in it last), which only the one-statement list reads (listCustomersAhead).
 */
export type CustomerSort = keyof typeof orderings | 'TOTAL_SPEND_DESC';

/** The list's sort orders as MikroORM orderings (the id breaks ties: keyset paging). */
export const orderings = {
  CREATED_AT_DESC: { createdAt: 'desc' },
  CREATED_AT_ASC: { createdAt: 'asc' },
  NAME_ASC: { name: 'asc' },
  NAME_DESC: { name: 'desc' },
  UPDATED_AT_DESC: { updatedAt: 'desc' },
  UPDATED_AT_ASC: { updatedAt: 'asc' },
  // The never-null sort keys: no answer, never bought or not evaluated sort lowest.
  LATEST_NPS_DESC: { latestNpsSort: 'desc' },
  LATEST_NPS_ASC: { latestNpsSort: 'asc' },
  LAST_PURCHASE_DESC: { lastPurchaseSort: 'desc' },
  LAST_PURCHASE_ASC: { lastPurchaseSort: 'asc' },
  CHURN_RISK_DESC: { churnRiskSort: 'desc' },
} as const;

export function listCustomers(em: EntityManager, filter: CustomerFilter, sort: keyof typeof orderings, args: PageArgs) {
  return findPage(em, Customer, customerWhere(filter), { ...orderings[sort] }, args);
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** The filter as a query condition: on its own for lists and counts, or as a report's customer set. */
export function customerWhere(filter: CustomerFilter, now = new Date()): FilterQuery<Customer> {
  const where: FilterQuery<Customer> & Record<string, unknown> = {};
  if (filter.teamIds?.length) where.team = { $in: filter.teamIds };
  if (filter.customerId) where.id = filter.customerId;
  if (filter.accountId) where.account = filter.accountId;
  if (filter.city) where.city = { $ilike: escapeLike(filter.city) };
  if (filter.region) where.region = { $ilike: escapeLike(filter.region) };
  if (filter.preferredChannel) where.preferredChannel = filter.preferredChannel;
  if (filter.npsCategory) {
    const [min, max] = npsCategoryRange(filter.npsCategory);
    where.latestNps = { $gte: min, $lte: max };
  }
  if (filter.boughtWithinDays != null) where.lastPurchaseAt = { $gte: daysBefore(now, filter.boughtWithinDays) };
  if (filter.notBoughtWithinDays != null) {
    where.$and = [
      { $or: [{ lastPurchaseAt: null }, { lastPurchaseAt: { $lt: daysBefore(now, filter.notBoughtWithinDays) } }] },
    ];
  }
  if (filter.minChurnRisk != null) where.churnRisk = { $gte: filter.minChurnRisk };
  if (filter.updatedSince) where.updatedAt = { $gte: filter.updatedSince };
  if (filter.hasOpenTicket != null) {
    const open = { status: { $in: [...activeStatuses] } };
    where.tickets = filter.hasOpenTicket ? { $some: open } : { $none: open };
  }
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    where.$or = [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }];
  }
  if (filter.segment) return { $and: [where, customerWhere(filter.segment, now)] } as FilterQuery<Customer>;
  return where;
}
