import { Segment } from '../db/entities/index.ts';
import { can, canChangeSegment, canSeeSegment, customerScope } from '../domain/access/access.ts';
import { listCustomers } from '../domain/customers/customer-list.ts';
import {
  countSegment,
  createSegment,
  deleteSegment,
  listSegments,
  segmentCustomerFilter,
  updateSegment,
} from '../domain/customers/segment-service.ts';
import { NotFoundError, ValidationError } from '../domain/shared/errors.ts';
import { builder } from './builder.ts';
import { pageArgs } from './connection.ts';
import type { Context } from './context.ts';
import { CustomerConnection } from './customer.ts';
import { CustomerFilter, customerFilter } from './customer-filter.ts';
import { mutationErrors } from './errors.ts';
import { allow, scopedTeamIds, visibleSegment } from './guards.ts';
import { decodeId, loadNodes } from './ids.ts';
import { TeamRef } from './team.ts';

export const SegmentRef = builder.objectRef<Segment>('Segment');

builder.node(SegmentRef, {
  description:
    'A saved customer filter with a name, e.g. "promoters in Utrecht who bought in the last 90 days": listed, counted, and usable as a customer filter and a report scope.',
  isTypeOf: (value) => value instanceof Segment,
  id: { resolve: (segment) => segment.id },
  loadMany: (ids, ctx) =>
    loadNodes(ctx.loaders.segment, ids, (s) => can(ctx.principal, 'segment.read') && canSeeSegment(ctx.principal, s)),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique name.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the segment is for.' }),
    team: t.field({
      type: TeamRef,
      nullable: true,
      description: 'The team whose customers it covers; null: shared by all teams.',
      resolve: (segment, _args, ctx) => (segment.team ? ctx.loaders.team.load(segment.team.id) : null),
    }),
    filter: t.field({
      type: 'JSON',
      description: 'The stored conditions, as in CustomerFilter (ids as database numbers).',
      resolve: (segment) => segment.filter,
    }),
    customerCount: t.int({
      description: 'Customers in the segment now (within the caller’s team for members).',
      resolve: (segment, _args, ctx) => countSegment(ctx.em, segment, { teamIds: scopedTeamIds(ctx, undefined) }),
    }),
    customers: t.field({
      type: CustomerConnection,
      description: 'The segment’s customers, newest first.',
      args: pageArgs,
      resolve: (segment, page, ctx) =>
        listCustomers(
          ctx.em,
          { teamIds: scopedTeamIds(ctx, undefined), segment: segmentCustomerFilter(segment) },
          'CREATED_AT_DESC',
          page,
        ),
    }),
  }),
});

builder.queryField('segments', (t) =>
  t.field({
    type: [SegmentRef],
    description: 'Saved segments the caller may use, by name (members: their team’s and the shared ones).',
    resolve: async (_root, _args, ctx) => {
      allow(ctx, 'segment.read');
      const { teamId } = customerScope(ctx.principal);
      return listSegments(ctx.em, teamId);
    },
  }),
);

const SegmentInput = builder.inputType('SegmentInput', {
  description: 'A segment to save.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique name, 1-120 characters.' }),
    description: t.string({ description: 'What it is for.' }),
    teamId: t.id({ description: 'Only this team’s customers; left out: shared (members’ segments are their team’s).' }),
    filter: t.field({ type: CustomerFilter, required: true, description: 'Its conditions (not another segment).' }),
  }),
});

const UpdateSegmentInput = builder.inputType('UpdateSegmentInput', {
  description: 'Changes to a segment; left-out fields stay.',
  fields: (t) => ({
    segmentId: t.id({ required: true, description: 'Global id of the segment.' }),
    name: t.string({ description: 'New name.' }),
    description: t.string({ description: 'New description.' }),
    filter: t.field({ type: CustomerFilter, description: 'New conditions, replacing the old ones.' }),
  }),
});

async function storedFilter(ctx: Context, filter: typeof CustomerFilter.$inferInput) {
  if (filter.segmentId)
    throw new ValidationError('A segment cannot contain another segment.', 'input.filter.segmentId');
  const { segment: _none, ...conditions } = await customerFilter(ctx, filter, 'input.filter');
  return conditions;
}

async function changeableSegment(ctx: Context, globalId: string) {
  allow(ctx, 'segment.write');
  const segment = await visibleSegment(ctx, decodeId(globalId, 'Segment', 'input.segmentId'), 'input.segmentId');
  if (!canChangeSegment(ctx.principal, segment))
    throw new NotFoundError('No segment with this id that you may change.', 'input.segmentId');
  return segment;
}

const segment = { name: 'segment', description: 'The segment.' };

builder.mutationFields((t) => ({
  createSegment: t.field({
    type: SegmentRef,
    description: 'Saves a customer filter as a named segment.',
    errors: mutationErrors('createSegment', ['notFound', 'conflict'], segment),
    args: { input: t.arg({ type: SegmentInput, required: true, description: 'The segment.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'segment.write');
      const requested = input.teamId ? decodeId(input.teamId, 'Team', 'input.teamId') : undefined;
      const { teamId: ownTeam } = customerScope(ctx.principal);
      const teamId = ownTeam ?? requested ?? null;
      if (requested !== undefined && requested !== teamId)
        throw new NotFoundError('No team with this id.', 'input.teamId');
      return createSegment(ctx.em, { ...input, teamId, filter: await storedFilter(ctx, input.filter) }, ctx.actor);
    },
  }),
  updateSegment: t.field({
    type: SegmentRef,
    description: 'Renames a segment or replaces its conditions.',
    errors: mutationErrors('updateSegment', ['notFound', 'conflict'], segment),
    args: { input: t.arg({ type: UpdateSegmentInput, required: true, description: 'The changes.' }) },
    resolve: async (_root, { input }, ctx) => {
      const found = await changeableSegment(ctx, input.segmentId);
      return updateSegment(
        ctx.em,
        {
          segmentId: found.id,
          name: input.name ?? undefined,
          description: input.description,
          filter: input.filter ? await storedFilter(ctx, input.filter) : undefined,
        },
        ctx.actor,
      );
    },
  }),
  deleteSegment: t.field({
    type: 'ID',
    description: 'Deletes a segment; returns its id.',
    errors: mutationErrors('deleteSegment', ['notFound'], {
      name: 'segmentId',
      description: 'Id of the deleted segment.',
    }),
    args: { segmentId: t.arg.id({ required: true, description: 'Global id of the segment.' }) },
    resolve: async (_root, args, ctx) => {
      const found = await changeableSegment(ctx, args.segmentId);
      await deleteSegment(ctx.em, found.id, ctx.actor);
      return args.segmentId;
    },
  }),
}));
