import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const createTeam = `mutation($input: CreateTeamInput!) { createTeam(input: $input) {
  __typename ... on CreateTeamSuccess { team { id name slackChannelId npsThreshold ackSlaHours } } ... on Error { code field } } }`;
const createMember = `mutation($input: CreateTeamMemberInput!) { createTeamMember(input: $input) {
  __typename ... on CreateTeamMemberSuccess { member { id role slackUserId team { name } } } ... on Error { code field } } }`;
const updateMember = `mutation($input: UpdateTeamMemberInput!) { updateTeamMember(input: $input) {
  __typename ... on UpdateTeamMemberSuccess { member { slackUserId discordUserId role } } ... on Error { code field } } }`;

describe('team administration', () => {
  it('creates a team and a member, links their chat users, and refuses taken ids', async () => {
    const admin = await makeToken(db.orm.em.fork(), 'ADMIN');
    const name = `Team ${crypto.randomUUID().slice(0, 6)}`;
    const team = (await graphql(admin, createTeam, { input: { name, slackChannelId: 'C0ALERTS', npsThreshold: 7 } }))
      .data.createTeam;
    expect(team).toMatchObject({
      __typename: 'CreateTeamSuccess',
      team: { name, slackChannelId: 'C0ALERTS', npsThreshold: 7, ackSlaHours: 24 },
    });

    const email = `${crypto.randomUUID().slice(0, 6)}@example.test`;
    const member = (
      await graphql(admin, createMember, { input: { teamId: team.team.id, name: 'Ada', email, role: 'TEAM_LEAD' } })
    ).data.createTeamMember;
    expect(member.member).toMatchObject({ role: 'TEAM_LEAD', slackUserId: null, team: { name } });

    const slackUserId = `U${crypto.randomUUID().slice(0, 8)}`;
    const linked = (
      await graphql(admin, updateMember, { input: { memberId: member.member.id, slackUserId, discordUserId: '123' } })
    ).data.updateTeamMember;
    expect(linked.member).toEqual({ slackUserId, discordUserId: '123', role: 'TEAM_LEAD' });

    const duplicate = (
      await graphql(admin, createMember, {
        input: { teamId: team.team.id, name: 'Bob', email: `b${email}`, slackUserId },
      })
    ).data.createTeamMember;
    expect(duplicate).toEqual({ __typename: 'ConflictError', code: 'CONFLICT', field: 'input.slackUserId' });
    expect((await graphql(admin, createTeam, { input: { name } })).data.createTeam).toMatchObject({
      code: 'CONFLICT',
      field: 'input.name',
    });
    expect(
      (await graphql(admin, createTeam, { input: { name: 'x', npsThreshold: 11 } })).data.createTeam,
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'input.npsThreshold',
    });
  });

  it('is for admin tokens only', async () => {
    const service = await makeToken(db.orm.em.fork(), 'SERVICE');
    const { data } = await graphql(service, createTeam, { input: { name: 'Nope' } });
    expect(data.createTeam).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN', field: null });
  });

  it('keeps the bot-only delivery API away from other tokens', async () => {
    const admin = await makeToken(db.orm.em.fork(), 'ADMIN');
    const { data } = await graphql(admin, `mutation { claimChatDeliveries(platform: SLACK) { __typename } }`);
    expect(data.claimChatDeliveries.__typename).toBe('ForbiddenError');
    const lookup = await graphql(admin, `{ ticketForChatMessage(platform: SLACK, messageRef: "1.2") { id } }`);
    expect(lookup.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
