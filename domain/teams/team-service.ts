import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Team, TeamMember } from '../../db/entities/index.ts';
import { memberRoles } from '../../db/enums.ts';
import type { Actor } from '../access/actor.ts';
import { audit, givenFields } from '../access/audit.ts';
import { assertUnused } from '../shared/assert-unused.ts';
import { NotFoundError } from '../shared/errors.ts';
import { applyChanges } from '../shared/partial-update.ts';
import { email, parseInput, score, text } from '../shared/validation.ts';

const teamFields = {
  name: text.shortName,
  slackChannelId: text.externalId.nullish(),
  discordChannelId: text.externalId.nullish(),
  npsThreshold: score(0, 10).nullish(),
  csatThreshold: score(1, 5).nullish(),
  ackSlaHours: z.number().int().min(1, 'must be at least 1 hour').max(720, 'at most 720 hours').nullish(),
  resolveSlaHours: z.number().int().min(1, 'must be at least 1 hour').max(2160, 'at most 2160 hours').nullish(),
};

const memberFields = {
  name: text.shortName,
  email,
  role: z.enum(memberRoles).nullish(),
  slackUserId: text.externalId.nullish(),
  discordUserId: text.externalId.nullish(),
};

/** The team with this id, or a NotFoundError on input.teamId. */
export async function findTeam(tx: EntityManager, teamId: number): Promise<Team> {
  const team = await tx.findOne(Team, teamId);
  if (!team) throw new NotFoundError('No team with this id.', 'input.teamId');
  return team;
}

export async function createTeam(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(z.object(teamFields), raw);
  return em.transactional(async (tx) => {
    await assertUnused(tx, Team, 'name', input.name);
    const team = tx.create(Team, { name: input.name });
    applyChanges(team, input, ['npsThreshold', 'csatThreshold', 'ackSlaHours', 'resolveSlaHours']);
    await tx.flush();
    audit(tx, actor, 'team.create', { entityType: 'Team', entityId: team.id }, givenFields(input, []));
    return team;
  });
}

export async function updateTeam(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(
    z.object({ teamId: z.number().int().positive(), ...z.object(teamFields).partial().shape }),
    raw,
  );
  return em.transactional(async (tx) => {
    const team = await findTeam(tx, input.teamId);
    if (input.name) await assertUnused(tx, Team, 'name', input.name, team.id);
    const { teamId, ...changes } = input;
    applyChanges(team, changes, ['name', 'npsThreshold', 'csatThreshold', 'ackSlaHours', 'resolveSlaHours']);
    audit(tx, actor, 'team.update', { entityType: 'Team', entityId: team.id }, givenFields(input, ['teamId']));
    return team;
  });
}

export async function createTeamMember(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(z.object({ teamId: z.number().int().positive(), ...memberFields }), raw);
  return em.transactional(async (tx) => {
    const team = await findTeam(tx, input.teamId);
    for (const field of ['email', 'slackUserId', 'discordUserId'] as const)
      await assertUnused(tx, TeamMember, field, input[field]);
    const member = tx.create(TeamMember, { team, name: input.name, email: input.email });
    applyChanges(member, { role: input.role, slackUserId: input.slackUserId, discordUserId: input.discordUserId }, [
      'role',
    ]);
    await tx.flush();
    audit(tx, actor, 'member.create', { entityType: 'TeamMember', entityId: member.id }, givenFields(input, []));
    return member;
  });
}

export async function updateTeamMember(em: EntityManager, raw: unknown, actor: Actor) {
  const input = parseInput(
    z.object({
      memberId: z.number().int().positive(),
      teamId: z.number().int().positive().nullish(),
      ...z.object(memberFields).partial().shape,
    }),
    raw,
  );
  return em.transactional(async (tx) => {
    const member = await tx.findOne(TeamMember, input.memberId);
    if (!member) throw new NotFoundError('No team member with this id.', 'input.memberId');
    for (const field of ['email', 'slackUserId', 'discordUserId'] as const)
      await assertUnused(tx, TeamMember, field, input[field], member.id);
    const { memberId, teamId, ...changes } = input;
    if (teamId != null) member.team = await findTeam(tx, teamId);
    applyChanges(member, changes, ['name', 'email', 'role']);
    audit(
      tx,
      actor,
      'member.update',
      { entityType: 'TeamMember', entityId: member.id },
      givenFields(input, ['memberId']),
    );
    return member;
  });
}

/** Teams by name; with `teamIds`, only those. */
export function listTeams(em: EntityManager, teamIds?: readonly number[] | null): Promise<Team[]> {
  return em.find(Team, teamIds ? { id: { $in: [...teamIds] } } : {}, { orderBy: { name: 'asc' } });
}

/** The members of each team, by name, in the order of `teamIds` (for a batch loader). */
export async function membersOfTeams(em: EntityManager, teamIds: readonly number[]): Promise<TeamMember[][]> {
  const members = await em.find(TeamMember, { team: { $in: [...teamIds] } }, { orderBy: { name: 'asc' } });
  return teamIds.map((id) => members.filter((member) => member.team.id === id));
}
