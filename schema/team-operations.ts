import { createTeam, createTeamMember, updateTeam, updateTeamMember } from '../domain/teams/team-service.ts';
import { builder, type Types } from './builder.ts';
import { MemberRoleEnum } from './enums.ts';
import { mutationErrors } from './errors.ts';
import { allow } from './guards.ts';
import { decodeId } from './ids.ts';
import { TeamMemberRef, TeamRef } from './team.ts';

const teamFields = (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) => ({
  name: t.string({ description: 'Team name, unique.' }),
  slackChannelId: t.string({ description: 'Slack channel id for alerts (e.g. C0123ABCD); null: no Slack alerts.' }),
  discordChannelId: t.string({ description: 'Discord channel id for alerts; null: no Discord alerts.' }),
  npsThreshold: t.int({ description: 'NPS at or below this opens a ticket (0-10, default 6).' }),
  csatThreshold: t.int({ description: 'CSAT at or below this opens a ticket (1-5, default 2).' }),
  ackSlaHours: t.int({ description: 'Hours to acknowledge a ticket (default 24).' }),
  resolveSlaHours: t.int({ description: 'Hours to resolve a ticket (default 72).' }),
});

const memberFields = (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) => ({
  name: t.string({ description: 'Full name.' }),
  email: t.string({ description: 'Work e-mail, unique.' }),
  role: t.field({ type: MemberRoleEnum, description: 'ACCOUNT_MANAGER (default) or TEAM_LEAD (gets escalations).' }),
  slackUserId: t.string({ description: 'Slack user id (e.g. U0123ABCD): their Slack clicks act as them.' }),
  discordUserId: t.string({ description: 'Discord user id: their Discord clicks act as them.' }),
});

const CreateTeamInput = builder.inputType('CreateTeamInput', {
  description: 'A new account team.',
  fields: (t) => ({ ...teamFields(t), name: t.string({ required: true, description: 'Team name, unique.' }) }),
});
const UpdateTeamInput = builder.inputType('UpdateTeamInput', {
  description: 'Changes to a team: left-out fields stay, null clears a channel.',
  fields: (t) => ({ teamId: t.id({ required: true, description: 'Global id of the team.' }), ...teamFields(t) }),
});
const CreateTeamMemberInput = builder.inputType('CreateTeamMemberInput', {
  description: 'A new team member.',
  fields: (t) => ({
    teamId: t.id({ required: true, description: 'Global id of the team.' }),
    ...memberFields(t),
    name: t.string({ required: true, description: 'Full name.' }),
    email: t.string({ required: true, description: 'Work e-mail, unique.' }),
  }),
});
const UpdateTeamMemberInput = builder.inputType('UpdateTeamMemberInput', {
  description: 'Changes to a team member, e.g. linking their Slack or Discord user.',
  fields: (t) => ({
    memberId: t.id({ required: true, description: 'Global id of the member.' }),
    teamId: t.id({ description: 'Move the member to this team.' }),
    ...memberFields(t),
  }),
});

const team = { name: 'team', description: 'The team.' };
const member = { name: 'member', description: 'The team member.' };

builder.mutationFields((t) => ({
  createTeam: t.field({
    type: TeamRef,
    description: 'Admins: adds an account team.',
    errors: mutationErrors('createTeam', ['conflict'], team),
    args: { input: t.arg({ type: CreateTeamInput, required: true, description: 'The team.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'team.admin');
      return createTeam(ctx.em, input, ctx.actor);
    },
  }),
  updateTeam: t.field({
    type: TeamRef,
    description: 'Admins: changes a team’s channels, thresholds or SLAs.',
    errors: mutationErrors('updateTeam', ['notFound', 'conflict'], team),
    args: { input: t.arg({ type: UpdateTeamInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'team.admin');
      return updateTeam(ctx.em, { ...input, teamId: decodeId(input.teamId, 'Team', 'input.teamId') }, ctx.actor);
    },
  }),
  createTeamMember: t.field({
    type: TeamMemberRef,
    description: 'Admins: adds a member to a team.',
    errors: mutationErrors('createTeamMember', ['notFound', 'conflict'], member),
    args: { input: t.arg({ type: CreateTeamMemberInput, required: true, description: 'The member.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'team.admin');
      return createTeamMember(ctx.em, { ...input, teamId: decodeId(input.teamId, 'Team', 'input.teamId') }, ctx.actor);
    },
  }),
  updateTeamMember: t.field({
    type: TeamMemberRef,
    description: 'Admins: changes a member, e.g. links their Slack or Discord user id.',
    errors: mutationErrors('updateTeamMember', ['notFound', 'conflict'], member),
    args: { input: t.arg({ type: UpdateTeamMemberInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'team.admin');
      return updateTeamMember(
        ctx.em,
        {
          ...input,
          memberId: decodeId(input.memberId, 'TeamMember', 'input.memberId'),
          teamId: input.teamId == null ? undefined : decodeId(input.teamId, 'Team', 'input.teamId'),
        },
        ctx.actor,
      );
    },
  }),
}));
