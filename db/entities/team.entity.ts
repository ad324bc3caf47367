import { defineEntity, p } from '@mikro-orm/core';

export const TeamSchema = defineEntity({
  name: 'Team',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(120).unique(),
    slackChannelId: p.string().length(64).nullable(),
    discordChannelId: p.string().length(64).nullable(),
    // Per-team thresholds: feedback at or below them opens a recovery ticket.
    npsThreshold: p.smallint().default(6),
    csatThreshold: p.smallint().default(2),
    ackSlaHours: p.integer().default(24),
    resolveSlaHours: p.integer().default(72),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Team extends TeamSchema.class {}
TeamSchema.setClass(Team);
