import { defineEntity, p } from '@mikro-orm/core';
import { memberRoles } from '../enums.ts';
import { Team } from './team.entity.ts';

export const TeamMemberSchema = defineEntity({
  name: 'TeamMember',
  properties: {
    id: p.integer().primary(),
    team: () => p.manyToOne(Team).index(),
    name: p.string().length(120),
    email: p.string().length(254).unique(),
    role: p.enum(memberRoles).default('ACCOUNT_MANAGER'),
    slackUserId: p.string().length(64).nullable().unique(),
    discordUserId: p.string().length(64).nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class TeamMember extends TeamMemberSchema.class {}
TeamMemberSchema.setClass(TeamMember);
