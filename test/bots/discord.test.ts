import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot, type DiscordBot } from '../../bots/discord/app.ts';
import { answerGatewayInteraction } from '../../bots/discord/gateway.ts';
import { recordThreadReply } from '../../bots/discord/listeners/events/thread-replies.ts';
import { Customer, Feedback, Ticket } from '../../db/entities/index.ts';
import { gid } from '../support/api.ts';
import { chatWorld, serve, submitFeedback, ticketState } from '../support/chat-harness.ts';
import { useTestDatabase } from '../support/database.ts';
import { type FakeDiscord, sendSignedDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { eventually } from '../support/fake-slack.ts';
import { discordPings } from '../support/platform-rules.ts';

const db = useTestDatabase();
let discord: FakeDiscord;
let bot: DiscordBot | undefined;
let endpoint: Awaited<ReturnType<typeof serve>> | undefined;

beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(() => discord.close());
afterEach(async () => {
  await bot?.stop();
  await endpoint?.close();
  bot = undefined;
  endpoint = undefined;
  discord.reset();
});

let interactionCount = 0;

async function setup() {
  const world = await chatWorld(db);
  bot = createDiscordBot({
    token: 'discord-bot-token',
    applicationId: '4242',
    mode: 'http',
    publicKey: discord.publicKey,
    apiUrl: discord.apiUrl,
    api: world.api,
    log: () => {},
    pollMs: 25,
  });
  await bot.start();
  endpoint = await serve((req, res) => void bot!.handle!(req, res));
  const send = (interaction: Record<string, unknown>, options = {}) =>
    sendSignedDiscord(`${endpoint!.url}/discord/interactions`, discord.privateKey, interaction, options);
  const interaction = (user: string, fields: Record<string, unknown>) => ({
    id: String(++interactionCount + 5_000_000),
    token: `token-${interactionCount}`,
    application_id: '4242',
    member: { user: { id: user } },
    ...fields,
  });
  const button = (user: string, customId: string) =>
    interaction(user, { type: 3, data: { custom_id: customId, component_type: 2 } });
  const modalSubmit = (user: string, customId: string, values: Record<string, string>) =>
    interaction(user, {
      type: 5,
      data: {
        custom_id: customId,
        components: Object.entries(values).map(([id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id: id, value }],
        })),
      },
    });
  const lowScore = async (nps: number, comment = 'Rude staff') =>
    (
      await world.admin(submitFeedback, {
        input: {
          customerId: gid('Customer', world.customer.id),
          nps,
          comment,
          channel: 'WEB',
          idempotencyKey: crypto.randomUUID(),
        },
      })
    ).submitFeedback;
  const alerts = () => discord.messages.filter((m) => m.channel_id === world.team.discordChannelId);
  const state = async (ticketId: string) => (await world.admin(ticketState, { id: ticketId })).node;
  return { ...world, send, button, modalSubmit, interaction, lowScore, alerts, state };
}

describe('Discord alerts and clicks', () => {
  it('registers /feedback and posts one alert with buttons to the team channel within a second', async () => {
    const { lowScore, alerts } = await setup();
    expect(discord.callsTo('PUT', /^\/applications\/4242\/commands$/)[0]?.body).toEqual([
      { name: 'feedback', description: 'Tell us how we are doing', type: 1 },
    ]);
    const started = Date.now();
    const { ticket } = await lowScore(3);
    const [alert] = await eventually(() => (alerts().length ? alerts() : null), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(alert!.embeds![0].fields.find((f: any) => f.name === 'Score').value).toBe('NPS 3/10');
    expect(alert!.components![0].components.map((c: any) => c.custom_id)).toEqual([
      `ticket:claim:${ticket.id}`,
      `ticket:acknowledge:${ticket.id}`,
      `ticket:note:${ticket.id}`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alerts()).toHaveLength(1);
  });

  it('acknowledges as the linked member via Discord, edits the alert, and a repeated interaction changes nothing', async () => {
    const { lowScore, alerts, send, button, state, manager } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    const click = button(manager.discordUserId!, `ticket:acknowledge:${ticket.id}`);
    const response = await send(click);
    expect(await response.json()).toEqual({ type: 6 });
    const acknowledged = await eventually(async () => {
      const s = await state(ticket.id);
      return s.status === 'ACKNOWLEDGED' ? s : null;
    });
    expect(acknowledged.events.nodes[0]).toMatchObject({
      type: 'ACKNOWLEDGED',
      channel: 'DISCORD',
      actorName: manager.name,
    });
    await eventually(() =>
      alerts()[0]!
        .embeds![0].fields.find((f: any) => f.name === 'Status')
        .value.includes('Acknowledged'),
    );

    await send(click); // Discord delivering the same interaction again
    await send(button(manager.discordUserId!, `ticket:acknowledge:${ticket.id}`)); // a second click
    await eventually(() =>
      discord.callsTo('POST', /^\/webhooks\/4242\//).some((c) => /Cannot acknowledge/.test(c.body.content)),
    );
    const after = await state(ticket.id);
    expect(after.events.totalCount).toBe(acknowledged.events.totalCount);
  });

  it('resolves with a note through the modal, via Discord', async () => {
    const { lowScore, alerts, send, button, modalSubmit, state, manager } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    await send(button(manager.discordUserId!, `ticket:acknowledge:${ticket.id}`));
    await eventually(async () => (await state(ticket.id)).status === 'ACKNOWLEDGED');
    const opened = await (await send(button(manager.discordUserId!, `ticket:resolve:${ticket.id}`))).json();
    expect(opened).toMatchObject({ type: 9, data: { custom_id: `modal:resolve:${ticket.id}` } });
    const answer = await (
      await send(modalSubmit(manager.discordUserId!, `modal:resolve:${ticket.id}`, { text: 'Refunded and apologised' }))
    ).json();
    expect(answer).toEqual({ type: 5, data: { flags: 64 } });
    const resolved = await eventually(async () => {
      const s = await state(ticket.id);
      return s.status === 'RESOLVED' ? s : null;
    });
    expect(resolved.resolution).toBe('Refunded and apologised');
    expect(resolved.events.nodes[0]).toMatchObject({
      type: 'RESOLVED',
      channel: 'DISCORD',
      actorName: manager.name,
      note: 'Refunded and apologised',
    });
    await eventually(() => discord.callsTo('PATCH', /@original$/).some((c) => c.body.content === '✅ Resolved.'));
  });

  it('answers a bad signature with 401 and changes nothing', async () => {
    const { lowScore, alerts, send, button, state, manager } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    const response = await send(button(manager.discordUserId!, `ticket:acknowledge:${ticket.id}`), {
      signature: 'ab'.repeat(64),
    });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await state(ticket.id)).status).toBe('OPEN');
  });

  it('answers PING with PONG', async () => {
    const { send } = await setup();
    expect(await (await send({ id: '1', type: 1, token: 't' })).json()).toEqual({ type: 1 });
  });

  it('waits out a 429 with Retry-After and posts the alert once', async () => {
    discord.rateLimitNextPosts(1);
    const { lowScore, alerts } = await setup();
    await lowScore(2);
    await eventually(() => alerts().length === 1, 8000);
    const posts = discord.callsTo('POST', /^\/channels\/\d+\/messages$/);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alerts()).toHaveLength(1);
  });
});

describe('Customer feedback in Discord', () => {
  it('/feedback opens a form; 9 is stored without a ticket, 2 opens a ticket and an alert', async () => {
    const { send, interaction, modalSubmit, customer, alerts } = await setup();
    const form = await (
      await send(interaction(customer.discordUserId!, { type: 2, data: { name: 'feedback', type: 1 } }))
    ).json();
    expect(form).toMatchObject({ type: 9, data: { custom_id: 'modal:feedback' } });
    await send(modalSubmit(customer.discordUserId!, 'modal:feedback', { score: '9', comment: 'Great' }));
    await eventually(() => discord.callsTo('PATCH', /@original$/).some((c) => /Thank you/.test(c.body.content)));
    const em = db.orm.em.fork();
    expect(await em.count(Feedback, { customer: customer.id, nps: 9, channel: 'DISCORD' })).toBe(1);
    expect(await em.count(Ticket, { customer: customer.id })).toBe(0);

    const invalid = await (await send(modalSubmit(customer.discordUserId!, 'modal:feedback', { score: '11' }))).json();
    expect(invalid).toMatchObject({ type: 4, data: { flags: 64 } });

    await send(modalSubmit(customer.discordUserId!, 'modal:feedback', { score: '2', comment: 'Cold coffee' }));
    await eventually(async () => (await db.orm.em.fork().count(Ticket, { customer: customer.id })) === 1);
    await eventually(() => alerts().length === 1);
  });
});

describe('Discord DM surveys and unlinked users', () => {
  it('sends a one-click survey by DM, stores one score, and takes a comment', async () => {
    const { admin, customer, send, button, modalSubmit } = await setup();
    const { sendSurvey } = await admin(
      `mutation($input: SendSurveyInput!) { sendSurvey(input: $input) { __typename } }`,
      {
        input: { customerId: gid('Customer', customer.id), platform: 'DISCORD' },
      },
    );
    expect(sendSurvey.__typename).toBe('SendSurveySuccess');
    const dm = await eventually(() => discord.messages.find((m) => m.channel_id === `dm${customer.discordUserId}`));
    const ids = dm.components!.flatMap((row: any) => row.components.map((c: any) => c.custom_id));
    expect(ids).toHaveLength(11);
    await send(button(customer.discordUserId!, ids[7]));
    const thanks = await eventually(() =>
      discord.callsTo('PATCH', /@original$/).find((c) => /Thanks for your 7/.test(c.body.content)),
    );
    await send(button(customer.discordUserId!, ids[3])); // a second click on the same survey
    await eventually(() =>
      discord.callsTo('POST', /^\/webhooks\/4242\//).some((c) => /already used/.test(c.body.content)),
    );
    const commentButton = thanks.body.components[0].components[0].custom_id;
    const form = await (await send(button(customer.discordUserId!, commentButton))).json();
    expect(form).toMatchObject({ type: 9 });
    await send(modalSubmit(customer.discordUserId!, form.data.custom_id, { text: 'Faster delivery please' }));
    await eventually(
      async () =>
        (await db.orm.em.fork().count(Feedback, { customer: customer.id, comment: 'Faster delivery please' })) === 1,
    );
    expect(await db.orm.em.fork().count(Feedback, { customer: customer.id })).toBe(1);
  });

  it('tells an unlinked Discord user so and changes nothing', async () => {
    const { lowScore, alerts, send, button, state } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    await send(button('123456789', `ticket:claim:${ticket.id}`));
    await eventually(() =>
      discord
        .callsTo('POST', /^\/webhooks\/4242\//)
        .some((c) => /not linked/.test(c.body.content) && c.body.flags === 64),
    );
    expect((await state(ticket.id)).assignee).toBeNull();
  });
});

describe('Discord gateway mode', () => {
  it('answers an interaction through the REST callback and records thread replies as notes', async () => {
    const { lowScore, alerts, state, manager, api, interaction } = await setup();
    const { ticket } = await lowScore(2);
    const alert = await eventually(() => alerts()[0]);
    const click = interaction(manager.discordUserId!, { type: 3, data: { custom_id: `ticket:claim:${ticket.id}` } });
    await answerGatewayInteraction(click, bot!.route, { rest: bot!.rest, log: () => {} });
    expect(discord.callsTo('POST', new RegExp(`^/interactions/${click.id}/${click.token}/callback$`))[0]?.body).toEqual(
      { type: 6 },
    );
    expect((await state(ticket.id)).assignee).toEqual({ name: manager.name });

    const reply = {
      id: '777',
      channelId: alert.id,
      authorId: manager.discordUserId!,
      authorIsBot: false,
      content: 'On it',
      referencedMessageId: null,
    };
    await recordThreadReply(reply, { api, log: () => {} });
    await recordThreadReply(reply, { api, log: () => {} });
    const notes = (await state(ticket.id)).events.nodes.filter((e: any) => e.type === 'NOTE');
    expect(notes).toEqual([expect.objectContaining({ note: 'On it', channel: 'DISCORD', actorName: manager.name })]);
  });
});

describe('Discord delivery at the edges', () => {
  const acknowledge = 'mutation($input: AcknowledgeTicketInput!) { acknowledgeTicket(input: $input) { __typename } }';

  it('posts a deleted alert anew when the ticket changes', async () => {
    const { lowScore, alerts, api, manager } = await setup();
    const { ticket } = await lowScore(2);
    const first = await eventually(() => alerts()[0]);
    discord.deleteMessage(first.id);
    await api(acknowledge, { input: { ticketId: ticket.id } }, `discord:${manager.discordUserId}`);
    const reposted = await eventually(() => alerts()[0]);
    expect(reposted.id).not.toBe(first.id);
    expect(reposted.embeds![0].fields.find((f: any) => f.name === 'Status').value).toContain('Acknowledged');
  });

  it('gives up on a channel Discord says is unknown (10003) and lists it as FAILED for an admin', async () => {
    const { lowScore, admin, team } = await setup();
    discord.removeChannel(team.discordChannelId!);
    const { ticket } = await lowScore(2);
    const failed = await eventually(async () => {
      const { chatDeliveries } = await admin(
        'query { chatDeliveries(status: FAILED, platform: DISCORD) { nodes { id lastError ticket { id } } } }',
      );
      return chatDeliveries.nodes.find((d: any) => d.ticket?.id === ticket.id);
    });
    expect(failed.lastError).toContain('10003');
  });

  it('renders hostile names and comments as text and pings nobody', async () => {
    const { lowScore, alerts, em, customer } = await setup();
    const hostile = '@everyone <@1> <@&1> [Click to verify](https://evil.example)';
    await em.nativeUpdate(Customer, { id: customer.id }, { name: `Eve ${hostile}` });
    await lowScore(2, hostile);
    const alert = await eventually(() => discord.callsTo('POST', /\/messages$/).find((c) => c.body.embeds));
    expect(discordPings(alert.body)).toEqual([]);
    expect(alert.body.content).toContain(
      '\\@everyone \\<\\@1\\> \\<\\@&1\\> \\[Click to verify\\]\\(https://evil.example\\)',
    );
    expect(alerts()[0]!.embeds![0].description).toContain('\\@everyone');
  });

  it('answers a replayed command with a message Discord accepts for commands, and does nothing twice', async () => {
    const { send, interaction, customer } = await setup();
    const command = interaction(customer.discordUserId!, { type: 2, data: { name: 'feedback', type: 1 } });
    expect((await (await send(command)).json()).type).toBe(9); // the form
    expect(await (await send(command)).json()).toEqual({ type: 4, data: { content: 'Already done.', flags: 64 } });
  });

  it('sends an interaction follow-up through a global rate limit instead of dropping it', async () => {
    const { lowScore, alerts, send, button } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    discord.rateLimitNextFollowUps(0.3);
    // An unlinked user's click: the answer is a follow-up telling them so.
    await send(button('99999', `ticket:claim:${ticket.id}`));
    const followUps = await eventually(() => {
      const posts = discord.callsTo('POST', /^\/webhooks\//);
      return posts.length >= 2 ? posts : null;
    });
    expect(followUps[1]!.at - followUps[0]!.at).toBeGreaterThanOrEqual(250);
    expect(followUps[1]!.body.content).toMatch(/not linked/);
  });
});
