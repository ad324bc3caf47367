import { defineEntity, p } from '@mikro-orm/core';
import { Team } from './team.entity.ts';

/**
 * A saved customer filter. `filter` holds the validated customer filter (createSegment checks it) as JSON;
 * a team's segment only ever covers that team's customers.
 */
export const SegmentSchema = defineEntity({
  name: 'Segment',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(120).unique(),
    description: p.text().nullable(),
    team: () => p.manyToOne(Team).nullable().index(),
    filter: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class Segment extends SegmentSchema.class {}
SegmentSchema.setClass(Segment);
