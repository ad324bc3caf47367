import { Team, TeamMember } from '../db/entities/index.ts';
import { listTeams } from '../domain/teams/team-service.ts';
import { builder } from './builder.ts';
import { MemberRoleEnum } from './enums.ts';
import { allow, nodeVisibility, scopedTeamIds } from './guards.ts';
import { loadNodes } from './ids.ts';
import { reads } from './look-ahead.ts';

export const TeamRef = builder.objectRef<Team>('Team');
export const TeamMemberRef = builder.objectRef<TeamMember>('TeamMember');

builder.node(TeamRef, {
  description: 'An account team: it owns customers and gets their low-score alerts.',
  isTypeOf: (value) => value instanceof Team,
  id: { resolve: (team) => team.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.team, ids, nodeVisibility.team(ctx)),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Team name, unique.' }),
    slackChannelId: t.exposeString('slackChannelId', {
      nullable: true,
      description: 'Slack channel id that receives the alerts.',
    }),
    discordChannelId: t.exposeString('discordChannelId', {
      nullable: true,
      description: 'Discord channel id that receives the alerts.',
    }),
    npsThreshold: t.exposeInt('npsThreshold', {
      description: 'NPS answers at or below this open a recovery ticket (default 6).',
    }),
    csatThreshold: t.exposeInt('csatThreshold', {
      description: 'CSAT answers at or below this open a recovery ticket (default 2).',
    }),
    ackSlaHours: t.exposeInt('ackSlaHours', {
      description: 'Hours the team has to acknowledge a new ticket (default 24).',
    }),
    resolveSlaHours: t.exposeInt('resolveSlaHours', { description: 'Hours from opening to resolution (default 72).' }),
    members: t.field({
      type: [TeamMemberRef],
      description: 'Members of the team, by name.',
      extensions: reads<Team>('id'),
      resolve: (team, _args, ctx) => ctx.loaders.teamMembers.load(team.id),
    }),
  }),
});

builder.node(TeamMemberRef, {
  description: 'A person in an account team.',
  isTypeOf: (value) => value instanceof TeamMember,
  id: { resolve: (member) => member.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.member, ids, nodeVisibility.member(ctx)),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.exposeString('email', { description: 'Work e-mail, unique.' }),
    role: t.expose('role', {
      type: MemberRoleEnum,
      description: 'Account manager or team lead (team leads get escalations).',
    }),
    slackUserId: t.exposeString('slackUserId', {
      nullable: true,
      description: 'Linked Slack user id: their clicks in Slack act as them.',
    }),
    discordUserId: t.exposeString('discordUserId', {
      nullable: true,
      description: 'Linked Discord user id: their clicks in Discord act as them.',
    }),
    team: t.field({
      type: TeamRef,
      description: 'The team the member belongs to.',
      resolve: async (member, _args, ctx) => (await ctx.loaders.team.load(member.team.id)) as Team,
    }),
  }),
});

builder.queryField('teams', (t) =>
  t.field({
    type: [TeamRef],
    description: 'All account teams, by name.',
    resolve: (_root, _args, ctx) => {
      allow(ctx, 'team.read');
      const own = scopedTeamIds(ctx, undefined);
      return listTeams(ctx.em, own);
    },
  }),
);
