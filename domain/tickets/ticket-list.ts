import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Ticket } from '../../db/entities/index.ts';
import type { TicketKind, TicketStatus } from '../../db/enums.ts';
import { containsPattern } from '../data/like-pattern.ts';
import { findPage, type PageArgs } from '../data/pagination.ts';
import { overdueWhere } from './ticket-lifecycle.ts';

export interface TicketFilter {
  statuses?: TicketStatus[] | null;
  kinds?: TicketKind[] | null;
  teamIds?: number[] | null;
  assigneeId?: number | null;
  unassigned?: boolean | null;
  customerId?: number | null;
  /** For one of these customers. */
  customerIds?: number[] | null;
  /** Part of the customer's name or e-mail, case-insensitive. */
  search?: string | null;
  /** Opened at or after this. */
  createdFrom?: Date | null;
  /** Opened before this. */
  createdBefore?: Date | null;
  /** Open past its acknowledgement due time, or acknowledged past its resolution due time. */
  overdue?: boolean | null;
  /** Changed at or after this: for polling clients. */
  updatedSince?: Date | null;
  /** Resolved recovery tickets whose follow-up survey is due by this time (for asking outside chat). */
  followUpDueBefore?: Date | null;
}

const orderings = {
  CREATED_AT_DESC: { createdAt: 'desc' },
  CREATED_AT_ASC: { createdAt: 'asc' },
  ACK_DUE_AT_ASC: { ackDueAt: 'asc' },
  RESOLVE_DUE_AT_ASC: { resolveDueAt: 'asc' },
  UPDATED_AT_DESC: { updatedAt: 'desc' },
  UPDATED_AT_ASC: { updatedAt: 'asc' },
} as const;

export type TicketSort = keyof typeof orderings;

export function listTickets(
  em: EntityManager,
  filter: TicketFilter,
  sort: TicketSort,
  args: PageArgs,
  now = new Date(),
) {
  const where: FilterQuery<Ticket> & Record<string, unknown> = {};
  if (filter.statuses?.length) where.status = { $in: filter.statuses };
  if (filter.kinds?.length) where.kind = { $in: filter.kinds };
  if (filter.teamIds?.length) where.team = { $in: filter.teamIds };
  if (filter.assigneeId) where.assignee = filter.assigneeId;
  if (filter.unassigned) where.assignee = null;
  if (filter.customerId) where.customer = filter.customerId;
  if (filter.createdFrom || filter.createdBefore) {
    where.createdAt = {
      ...(filter.createdFrom && { $gte: filter.createdFrom }),
      ...(filter.createdBefore && { $lt: filter.createdBefore }),
    };
  }
  const and: FilterQuery<Ticket>[] = [];
  if (filter.customerIds) and.push({ customer: { $in: filter.customerIds } });
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    and.push({ customer: { $or: [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }] } });
  }
  if (filter.updatedSince) where.updatedAt = { $gte: filter.updatedSince };
  // Only resolved recovery tickets carry a follow-up time: reopening clears it.
  if (filter.followUpDueBefore) where.followUpDueAt = { $lte: filter.followUpDueBefore };
  if (filter.overdue != null) {
    and.push(filter.overdue ? overdueWhere(now) : { $not: overdueWhere(now) });
  }
  if (and.length) where.$and = and;
  return findPage(em, Ticket, where, { ...orderings[sort] }, args);
}
