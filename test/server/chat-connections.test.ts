import { afterAll, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../support/fake-discord.ts';
import { eventually, startFakeSlack } from '../support/fake-slack.ts';
import { graphqlAt, type ServerProcess, startServer } from '../support/server-process.ts';

const servers: ServerProcess[] = [];
const fakes = Promise.all([startFakeSlack(), startFakeDiscord()]);

afterAll(async () => {
  for (const server of servers) server.kill();
  const [slack, discord] = await fakes;
  await slack.close();
  await discord.close();
});

const graphql = async (base: string, query: string, variables = {}) =>
  (await graphqlAt(base, query, variables)).json.data;

const ticketOf = `query($id: ID!) { node(id: $id) { ... on Ticket { status events { nodes { type channel } } } } }`;

describe('chat websockets across API processes', () => {
  it('one Socket Mode connection and one gateway session for two processes; the other takes over when the holder dies', async () => {
    const [slack, discord] = await fakes;
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      SLACK_MODE: 'socket',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_BOT_TOKEN: 'discord-bot-token',
      DISCORD_APPLICATION_ID: '4242',
      DISCORD_MODE: 'gateway',
      DISCORD_API_URL: discord.apiUrl,
      CHAT_CONNECTION_LEASE_SECONDS: '5',
      DELIVERY_POLL_MS: '50',
    };
    const a = await startServer('_sockets', env);
    const b = await startServer('_sockets', env, { fresh: false });
    servers.push(a, b);
    const identifies = () => discord.gateway.received.filter((m) => m.op === 2).length;
    await eventually(() => discord.gateway.connected && slack.socket.open === 1);
    await new Promise((resolve) => setTimeout(resolve, 4000)); // past a renewal: the standby stays standby
    expect(identifies()).toBe(1);
    expect(slack.socket.connections).toBe(1);
    const standby = [a, b].filter((server) => server.output.includes('standby, another process holds'));
    expect(standby).toHaveLength(1);
    const holder = a === standby[0] ? b : a;

    // A low score in the first demo team, and its lead's click arriving over the one gateway session.
    const { customers } = await graphql(
      a.base,
      `{ customers(first: 1, filter: { hasOpenTicket: false }) { nodes { id team { discordChannelId members { role discordUserId } } } } }`,
    );
    const customer = customers.nodes[0];
    const lead = customer.team.members.find((m: { role: string }) => m.role === 'TEAM_LEAD');
    const click = async (action: string, ticketId: string, n: number) => {
      const id = String(9_100_000 + n);
      discord.gateway.dispatch('INTERACTION_CREATE', {
        id,
        application_id: '4242',
        type: 3,
        token: `token-${id}`,
        version: 1,
        guild_id: '100',
        channel_id: customer.team.discordChannelId,
        member: { user: { id: lead.discordUserId, username: 'lead', discriminator: '0', avatar: null }, roles: [] },
        data: { custom_id: `ticket:${action}:${ticketId}`, component_type: 2 },
      });
      return id;
    };
    const lowScore = async (base: string) =>
      (
        await graphql(
          base,
          `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } } }`,
          { i: { customerId: customer.id, nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
        )
      ).submitFeedback.ticket.id as string;

    const first = await lowScore(a.base);
    const firstClick = await click('acknowledge', first, 1);
    await eventually(async () => (await graphql(a.base, ticketOf, { id: first })).node.status === 'ACKNOWLEDGED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events = (await graphql(a.base, ticketOf, { id: first })).node.events.nodes;
    expect(events.filter((e: { type: string }) => e.type === 'ACKNOWLEDGED')).toEqual([
      { type: 'ACKNOWLEDGED', channel: 'DISCORD' },
    ]);
    expect(discord.callsTo('POST', new RegExp(`^/interactions/${firstClick}/`))).toHaveLength(1);

    // The holder dies without letting go: its lease runs out and the standby connects.
    holder.kill();
    await eventually(() => identifies() === 2 && discord.gateway.connected, 20_000);
    await eventually(() => slack.socket.connections === 2 && slack.socket.open === 1, 20_000);
    const survivor = holder === a ? b : a;
    const second = await lowScore(survivor.base);
    expect(second).toBe(first); // the ticket is still active: the second low answer is a note on it
    await click('claim', first, 2);
    await eventually(async () =>
      (await graphql(survivor.base, ticketOf, { id: first })).node.events.nodes.some(
        (e: { type: string }) => e.type === 'ASSIGNED',
      ),
    );
    expect((await fetch(`${survivor.base}/healthz`)).status).toBe(200);
  });
});
