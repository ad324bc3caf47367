import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Customer, Segment } from '../../db/entities/index.ts';
import { contactChannels } from '../../db/enums.ts';
import type { Actor } from '../access/actor.ts';
import { audit } from '../access/audit.ts';
import { npsCategories } from '../loyalty/nps.ts';
import { assertUnused } from '../shared/assert-unused.ts';
import { NotFoundError } from '../shared/errors.ts';
import { parseInput, text } from '../shared/validation.ts';
import { type CustomerFilter, customerWhere } from './customer-list.ts';

const days = z.number().int().min(1, 'must be at least 1 day').max(3650, 'at most 3650 days').nullish();

/** What a segment may filter on: the customer list's conditions, stored as JSON with numeric ids. */
const segmentFilterSchema = z
  .object({
    teamIds: z.array(z.number().int().positive()).max(50).nullish(),
    accountId: z.number().int().positive().nullish(),
    city: text.shortName.nullish(),
    region: text.shortName.nullish(),
    preferredChannel: z.enum(contactChannels).nullish(),
    npsCategory: z.enum(npsCategories).nullish(),
    hasOpenTicket: z.boolean().nullish(),
    search: text.shortName.nullish(),
    boughtWithinDays: days,
    notBoughtWithinDays: days,
    minChurnRisk: z.number().int().min(0).max(100).nullish(),
  })
  .strict();

type SegmentFilter = z.output<typeof segmentFilterSchema>;

const segmentInput = z.object({
  name: text.shortName,
  description: z.string().trim().max(1000).nullish(),
  teamId: z.number().int().positive().nullish(),
  filter: segmentFilterSchema,
});

/** The customer filter a segment stands for: its own conditions, kept to its team when it has one. */
export function segmentCustomerFilter(segment: Segment): CustomerFilter {
  const filter = segment.filter as SegmentFilter;
  return { ...filter, segment: segment.team ? { teamIds: [segment.team.id] } : null };
}

export function countSegment(em: EntityManager, segment: Segment, within: CustomerFilter = {}) {
  return em.count(Customer, customerWhere({ ...within, segment: segmentCustomerFilter(segment) }));
}

/** Saves a segment; a retried creation with the same name finds the name taken, never a twin. */
export async function createSegment(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(segmentInput, raw);
  return em.transactional(async (tx) => {
    await assertUnused(tx, Segment, 'name', input.name);
    const segment = tx.create(Segment, {
      name: input.name,
      description: input.description ?? null,
      team: input.teamId ?? null,
      filter: dropEmpty(input.filter),
    });
    await tx.flush();
    audit(tx, actor, 'segment.create', { entityType: 'Segment', entityId: segment.id }, ['name', 'filter']);
    return segment;
  });
}

export async function updateSegment(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(
    z.object({ segmentId: z.number().int().positive(), ...segmentInput.partial().omit({ teamId: true }).shape }),
    raw,
  );
  return em.transactional(async (tx) => {
    const segment = await tx.findOne(Segment, input.segmentId);
    if (!segment) throw new NotFoundError('No segment with this id.', 'input.segmentId');
    if (input.name) {
      await assertUnused(tx, Segment, 'name', input.name, segment.id);
      segment.name = input.name;
    }
    if (input.description !== undefined) segment.description = input.description;
    if (input.filter) segment.filter = dropEmpty(input.filter);
    const changed = ['name', 'description', 'filter'].filter((key) => input[key as keyof typeof input] !== undefined);
    audit(tx, actor, 'segment.update', { entityType: 'Segment', entityId: segment.id }, changed);
    return segment;
  });
}

export async function deleteSegment(em: EntityManager, segmentId: number, actor: Actor) {
  return em.transactional(async (tx) => {
    const segment = await tx.findOne(Segment, segmentId);
    if (!segment) throw new NotFoundError('No segment with this id.', 'input.segmentId');
    audit(tx, actor, 'segment.delete', { entityType: 'Segment', entityId: segment.id });
    tx.remove(segment);
    return segmentId;
  });
}

const dropEmpty = (filter: SegmentFilter) =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => value != null));

/** Saved segments by name: with a team, that team's and the shared ones (no team); else all. */
export function listSegments(em: EntityManager, teamId: number | undefined): Promise<Segment[]> {
  const where = teamId === undefined ? {} : { $or: [{ team: null }, { team: teamId }] };
  return em.find(Segment, where, { orderBy: { name: 'asc' } });
}
