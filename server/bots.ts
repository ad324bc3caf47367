import type { IncomingMessage, ServerResponse } from 'node:http';
import { createDiscordBot } from '../bots/discord/app.ts';
import type { GraphQLClient } from '../bots/graphql-client.ts';
import { createSlackBot } from '../bots/slack/app.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

/** Socket Mode and the gateway keep retrying without a network: give up on starting after a while. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no connection within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const startTimeoutMs = 20_000;

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface RunningBots {
  /** One line per bot: on or off, and why. */
  status: string[];
  /** HTTP endpoints of bots in HTTP mode, by path. */
  routes: Record<string, Handler>;
  stop(): Promise<void>;
}

/**
 * Starts the Slack and Discord bots whose tokens are configured. A bot that cannot start (a wrong
 * token, no network) is reported and left off; it never takes the API down with it.
 */
export async function startBots(config: Config, api: GraphQLClient, logger: Logger): Promise<RunningBots> {
  const status: string[] = [];
  const routes: Record<string, Handler> = {};
  const stops: (() => Promise<void>)[] = [];
  const log = (name: string) => (event: Record<string, unknown>, message: string) =>
    logger.info({ bot: name, ...event }, message);

  const slackMode = config.SLACK_MODE ?? (config.SLACK_APP_TOKEN ? 'socket' : 'http');
  if (!config.SLACK_BOT_TOKEN) status.push('Slack bot: off (set SLACK_BOT_TOKEN to turn it on)');
  else if (slackMode === 'socket' && !config.SLACK_APP_TOKEN)
    status.push('Slack bot: off (Socket Mode needs SLACK_APP_TOKEN)');
  else if (slackMode === 'http' && !config.SLACK_SIGNING_SECRET)
    status.push('Slack bot: off (HTTP mode needs SLACK_SIGNING_SECRET)');
  else {
    const bot = createSlackBot({
      botToken: config.SLACK_BOT_TOKEN,
      mode: slackMode,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      api,
      log: log('slack'),
      pollMs: config.DELIVERY_POLL_MS,
    });
    try {
      await withTimeout(bot.start(), startTimeoutMs);
      if (bot.handle) routes['/slack/events'] = bot.handle;
      stops.push(() => bot.stop());
      status.push(`Slack bot: on (${slackMode === 'socket' ? 'Socket Mode' : 'HTTP endpoint /slack/events'})`);
    } catch (error) {
      await bot.stop().catch(() => {});
      status.push(`Slack bot: off (could not start: ${String(error)})`);
    }
  }

  if (!config.DISCORD_BOT_TOKEN)
    status.push('Discord bot: off (set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID to turn it on)');
  else if (!config.DISCORD_APPLICATION_ID) status.push('Discord bot: off (it needs DISCORD_APPLICATION_ID)');
  else if (config.DISCORD_MODE === 'http' && !config.DISCORD_PUBLIC_KEY)
    status.push('Discord bot: off (HTTP mode needs DISCORD_PUBLIC_KEY)');
  else {
    const bot = createDiscordBot({
      token: config.DISCORD_BOT_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      mode: config.DISCORD_MODE,
      publicKey: config.DISCORD_PUBLIC_KEY,
      apiUrl: config.DISCORD_API_URL,
      api,
      log: log('discord'),
      pollMs: config.DELIVERY_POLL_MS,
    });
    try {
      await withTimeout(bot.start(), startTimeoutMs);
      if (bot.handle) routes['/discord/interactions'] = bot.handle;
      stops.push(() => bot.stop());
      status.push(
        `Discord bot: on (${config.DISCORD_MODE === 'gateway' ? 'gateway' : 'HTTP endpoint /discord/interactions'})`,
      );
    } catch (error) {
      await bot.stop().catch(() => {});
      status.push(`Discord bot: off (could not start: ${String(error)})`);
    }
  }

  return {
    status,
    routes,
    async stop() {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
