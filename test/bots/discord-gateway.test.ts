import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot, type DiscordBot } from '../../bots/discord/app.ts';
import { gid } from '../support/api.ts';
import { chatWorld, submitFeedback, ticketState } from '../support/chat-harness.ts';
import { useTestDatabase } from '../support/database.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';
import { eventually } from '../support/fake-slack.ts';

const db = useTestDatabase();
let discord: FakeDiscord;
let bot: DiscordBot | undefined;
const unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);
let count = 0;

beforeAll(async () => {
  discord = await startFakeDiscord();
  process.on('unhandledRejection', collect);
});
afterAll(async () => {
  process.off('unhandledRejection', collect);
  await discord.close();
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  discord.reset();
});

/** A button click as the gateway delivers it in a guild channel. */
function click(userId: string, channelId: string, customId: string) {
  const id = String(9_000_000 + ++count);
  const user = { id: userId, username: `member${userId}`, discriminator: '0', avatar: null, global_name: null };
  return {
    id,
    application_id: '4242',
    type: 3,
    token: `gateway-token-${id}`,
    version: 1,
    guild_id: '100',
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: '100', name: 'alerts' },
    member: {
      user,
      roles: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '0',
    },
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: String(8_000_000 + count),
      channel_id: channelId,
      author: { id: '1', username: 'loyalty-loop', discriminator: '0', avatar: null, bot: true },
      content: '',
      timestamp: '2026-11-30T10:00:00.000Z',
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      components: [],
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
  };
}

async function gatewayBot() {
  const world = await chatWorld(db);
  const states: boolean[] = [];
  bot = createDiscordBot({
    token: 'discord-bot-token',
    applicationId: '4242',
    mode: 'gateway',
    apiUrl: discord.apiUrl,
    api: world.api,
    log: () => {},
    pollMs: 25,
    onChange: (up) => states.push(up),
  });
  await bot.start();
  await eventually(() => discord.gateway.connected);
  const { submitFeedback: opened } = await world.admin(submitFeedback, {
    input: {
      customerId: gid('Customer', world.customer.id),
      nps: 1,
      channel: 'WEB',
      idempotencyKey: crypto.randomUUID(),
    },
  });
  const ticketId = opened.ticket.id as string;
  const state = async () => (await world.admin(ticketState, { id: ticketId })).node;
  const press = (action: string) => {
    const interaction = click(
      world.manager.discordUserId!,
      world.team.discordChannelId!,
      `ticket:${action}:${ticketId}`,
    );
    discord.gateway.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  };
  return { world, states, ticketId, state, press };
}

describe('Discord gateway', () => {
  it('identifies, answers a click through the REST callback and acts as the member', async () => {
    const { press, state, states } = await gatewayBot();
    expect(discord.gateway.received.filter((m) => m.op === 2)).toHaveLength(1);
    const interaction = press('acknowledge');
    await eventually(async () => (await state()).status === 'ACKNOWLEDGED');
    const [callback] = discord.callsTo('POST', new RegExp(`^/interactions/${interaction.id}/`));
    expect(callback?.body).toEqual({ type: 6 });
    expect(states[0]).toBe(true);
  });

  it('stays up when Discord refuses answers (10062, 40060), and keeps handling clicks', async () => {
    const { press, state } = await gatewayBot();
    discord.refuseNextCallbacks('unknown', 'acknowledged');
    const refused = [press('claim'), press('claim')];
    await eventually(() =>
      refused.every((i) => discord.callsTo('POST', new RegExp(`^/interactions/${i.id}/`)).length === 1),
    );
    press('acknowledge');
    const acknowledged = await eventually(async () => {
      const s = await state();
      return s.status === 'ACKNOWLEDGED' ? s : null;
    });
    // The refused clicks did nothing: Discord never showed them as accepted.
    expect(acknowledged.events.nodes.map((e: { type: string }) => e.type)).not.toContain('ASSIGNED');
    expect(unhandled).toEqual([]);
  });

  it('resumes its session after a dropped connection and records a thread reply sent after it', async () => {
    const { world, state } = await gatewayBot();
    const alert = await eventually(() => discord.messages.find((m) => m.channel_id === world.team.discordChannelId));
    const sent = (op: number) => discord.gateway.received.filter((m) => m.op === op).length;
    const [identifies, resumes] = [sent(2), sent(6)];
    discord.gateway.drop();
    await eventually(() => sent(6) === resumes + 1, 10_000);
    await eventually(() => discord.gateway.connected);
    expect(sent(2)).toBe(identifies);
    discord.gateway.dispatch('MESSAGE_CREATE', {
      id: String(7_000_000 + ++count),
      // A message in the thread started from the alert, replying to another message of that thread.
      channel_id: alert.id,
      guild_id: '100',
      author: { id: world.manager.discordUserId, username: 'manager', discriminator: '0', avatar: null },
      content: 'Called the customer, replacement on its way',
      message_reference: { message_id: '123456789', channel_id: alert.id },
      timestamp: '2026-11-30T10:00:00.000Z',
      type: 19,
      mentions: [],
      attachments: [],
      embeds: [],
    });
    const noted = await eventually(async () => {
      const s = await state();
      return s.events.nodes.some((e: { type: string }) => e.type === 'NOTE') ? s : null;
    });
    expect(noted.events.nodes.find((e: { type: string }) => e.type === 'NOTE')).toMatchObject({
      note: 'Called the customer, replacement on its way',
      channel: 'DISCORD',
    });
    expect(unhandled).toEqual([]);
  });
});
