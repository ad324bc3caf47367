import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { recordThreadReply } from './listeners/events/thread-replies.ts';
import type { DiscordDeps, Routed } from './listeners/interaction.ts';

/** Answers an interaction that arrived over the gateway: the answer goes out through REST. */
export async function answerGatewayInteraction(
  interaction: Record<string, any>,
  route: (interaction: Record<string, any>) => Routed,
  { rest, log }: Pick<DiscordDeps, 'rest' | 'log'>,
) {
  const routed = route(interaction);
  await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: routed.response,
    auth: false,
  });
  await routed.work?.().catch((error) => log({ err: String(error) }, 'discord interaction failed'));
}

/** Gateway mode: a websocket to Discord, so no public URL is needed and thread replies arrive. */
export function createGatewayClient(
  token: string,
  route: (interaction: Record<string, any>) => Routed,
  deps: DiscordDeps,
) {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
  });
  client.on(Events.Raw, (packet: { t?: string; d?: Record<string, any> }) => {
    if (packet.t === 'INTERACTION_CREATE' && packet.d) void answerGatewayInteraction(packet.d, route, deps);
  });
  client.on(Events.MessageCreate, (message: Message) => {
    void recordThreadReply(
      {
        id: message.id,
        channelId: message.channelId,
        authorId: message.author.id,
        authorIsBot: message.author.bot,
        content: message.content,
        referencedMessageId: message.reference?.messageId ?? null,
      },
      deps,
    ).catch((error) => deps.log({ err: String(error) }, 'discord thread reply failed'));
  });
  return {
    start: () => client.login(token),
    stop: () => client.destroy(),
  };
}
