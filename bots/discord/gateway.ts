import { Client, Events, GatewayIntentBits } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { recordThreadReply } from './listeners/events/thread-replies.ts';
import type { DiscordDeps, Interaction, Routed } from './listeners/interaction.ts';

/**
 * Answers an interaction that arrived over the gateway: the answer goes out through REST. Discord
 * may refuse it (10062 Unknown interaction after 3 seconds, 40060 already acknowledged when
 * another session answered first): that is logged and the work is not done, never thrown.
 */
export async function answerGatewayInteraction(
  interaction: Interaction,
  route: (interaction: Interaction) => Promise<Routed>,
  { rest, log }: Pick<DiscordDeps, 'rest' | 'log'>,
) {
  try {
    const routed = await route(interaction);
    await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: routed.response,
      auth: false,
    });
    await routed.work?.();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    log({ err: String(error), code, interactionId: interaction.id }, 'discord interaction failed');
  }
}

export interface GatewayOptions {
  token: string;
  /** The REST API discord.js asks for the gateway's address (tests and proxies change it). */
  apiUrl?: string;
  timeoutMs: number;
  onChange?: (up: boolean) => void;
}

/** What a session listens to: its errors (never thrown), its state, and raw interactions and messages. */
function listen(
  client: Client,
  options: GatewayOptions,
  route: (interaction: Interaction) => Promise<Routed>,
  deps: DiscordDeps,
) {
  client.on(Events.Error, (error) => deps.log({ err: String(error) }, 'discord gateway error'));
  client.on(Events.ShardError, (error) => deps.log({ err: String(error) }, 'discord shard error'));
  client.on(Events.ShardReady, () => options.onChange?.(true));
  client.on(Events.ShardResume, () => options.onChange?.(true));
  client.on(Events.ShardDisconnect, () => options.onChange?.(false));
  client.on(Events.ShardReconnecting, () => options.onChange?.(false));
  // Raw packets, not discord.js's objects: a message in a channel discord.js has not cached (a
  // thread it never saw created) is still a reply we want.
  client.on(Events.Raw, (packet: { t?: string; d?: Record<string, any> }) => {
    const data = packet.d;
    if (!data) return;
    if (packet.t === 'INTERACTION_CREATE') void answerGatewayInteraction(data, route, deps);
    if (packet.t === 'MESSAGE_CREATE') {
      void recordThreadReply(
        {
          id: data.id,
          channelId: data.channel_id,
          authorId: data.author?.id,
          authorIsBot: Boolean(data.author?.bot || data.webhook_id),
          content: data.content ?? '',
          referencedMessageId: data.message_reference?.message_id ?? null,
        },
        deps,
      ).catch((error) => deps.log({ err: String(error) }, 'discord thread reply failed'));
    }
  });
}

/**
 * Gateway mode: a websocket to Discord, so no public URL is needed and thread replies arrive.
 * discord.js reconnects and resumes the session by itself; we only keep its errors from reaching
 * the process (an 'error' event without a listener would throw) and report when it is up. A new
 * client per connection: the lease may move the session away from this process and back.
 */
export function createGatewayClient(
  options: GatewayOptions,
  route: (interaction: Interaction) => Promise<Routed>,
  deps: DiscordDeps,
) {
  let client: Client | null = null;
  return {
    start: async () => {
      client = new Client({
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
        rest: { ...(options.apiUrl && { api: options.apiUrl }), timeout: options.timeoutMs },
      });
      listen(client, options, route, deps);
      await client.login(options.token);
    },
    stop: async () => {
      await client?.destroy();
      client = null;
      options.onChange?.(false);
    },
  };
}
