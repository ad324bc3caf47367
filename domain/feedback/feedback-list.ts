import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Feedback } from '../../db/entities/index.ts';
import type { FeedbackChannel } from '../../db/enums.ts';
import { findPage, type PageArgs } from '../data/pagination.ts';
import { ValidationError } from '../shared/errors.ts';

export interface FeedbackFilter {
  teamIds?: number[] | null;
  customerId?: number | null;
  npsMin?: number | null;
  npsMax?: number | null;
  csatMin?: number | null;
  csatMax?: number | null;
  channels?: FeedbackChannel[] | null;
  from?: Date | null;
  to?: Date | null;
  hasComment?: boolean | null;
}

function range(min: number | null | undefined, max: number | null | undefined, field: string) {
  if (min == null && max == null) return undefined;
  if (min != null && max != null && min > max) {
    throw new ValidationError(`filter.${field}Min must not be above filter.${field}Max`, `filter.${field}Min`);
  }
  return { ...(min != null && { $gte: min }), ...(max != null && { $lte: max }) };
}

const orderings = {
  SUBMITTED_AT_DESC: { submittedAt: 'desc' },
  SUBMITTED_AT_ASC: { submittedAt: 'asc' },
  NPS_DESC: { nps: 'desc' },
  NPS_ASC: { nps: 'asc' },
} as const;

export type FeedbackSort = keyof typeof orderings;

/**
 * Newest first unless sorted otherwise; sorted by NPS, only the answers with an NPS (keyset
 * cursors need a value to page by). `from` is inclusive, `to` exclusive.
 */
export function listFeedback(
  em: EntityManager,
  filter: FeedbackFilter,
  args: PageArgs,
  sort: FeedbackSort = 'SUBMITTED_AT_DESC',
) {
  const where: FilterQuery<Feedback> & Record<string, unknown> = {};
  if (filter.customerId) where.customer = filter.customerId;
  if (filter.teamIds?.length)
    where.customer = { ...(filter.customerId && { id: filter.customerId }), team: { $in: filter.teamIds } };
  const nps = range(filter.npsMin, filter.npsMax, 'nps');
  if (nps) where.nps = nps;
  if (sort.startsWith('NPS_')) where.nps = { ...nps, $ne: null };
  const csat = range(filter.csatMin, filter.csatMax, 'csat');
  if (csat) where.csat = csat;
  if (filter.channels?.length) where.channel = { $in: filter.channels };
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new ValidationError('filter.from must be before filter.to', 'filter.from');
  }
  if (filter.from || filter.to) {
    where.submittedAt = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lt: filter.to }) };
  }
  if (filter.hasComment != null) where.comment = filter.hasComment ? { $ne: null } : null;
  return findPage(em, Feedback, where, { ...orderings[sort] }, args);
}
