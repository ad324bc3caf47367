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

interface ChatBot {
  start(): Promise<void>;
  stop(): Promise<void>;
  handle?: Handler;
  /** A websocket bot's lease: only one process connects at a time. */
  lease?: { holding: boolean };
}

/** One platform's bot as configured: why it stays off, or how to make it and where it listens. */
type BotPlan =
  | { name: string; off: string }
  | { name: string; off?: undefined; describe: string; path: string; create: () => ChatBot };

type Log = (name: string) => (event: Record<string, unknown>, message: string) => void;

/** Told when a platform's bot connects or loses its connection. */
export type BotStatusListener = (platform: 'slack' | 'discord', up: boolean) => void;

function slackPlan(config: Config, api: GraphQLClient, log: Log, onStatus: BotStatusListener): BotPlan {
  const name = 'Slack bot';
  const mode = config.SLACK_MODE ?? (config.SLACK_APP_TOKEN ? 'socket' : 'http');
  if (!config.SLACK_BOT_TOKEN) return { name, off: 'set SLACK_BOT_TOKEN to turn it on' };
  if (mode === 'socket' && !config.SLACK_APP_TOKEN) return { name, off: 'Socket Mode needs SLACK_APP_TOKEN' };
  if (mode === 'http' && !config.SLACK_SIGNING_SECRET) return { name, off: 'HTTP mode needs SLACK_SIGNING_SECRET' };
  const botToken = config.SLACK_BOT_TOKEN;
  return {
    name,
    describe: mode === 'socket' ? 'Socket Mode' : 'HTTP endpoint /slack/events',
    path: '/slack/events',
    create: () =>
      createSlackBot({
        botToken,
        mode,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        api,
        log: log('slack'),
        pollMs: config.DELIVERY_POLL_MS,
        timeoutMs: config.CHAT_API_TIMEOUT_MS,
        leaseSeconds: config.CHAT_CONNECTION_LEASE_SECONDS,
        onChange: (up) => onStatus('slack', up),
      }),
  };
}

function discordPlan(config: Config, api: GraphQLClient, log: Log, onStatus: BotStatusListener): BotPlan {
  const name = 'Discord bot';
  if (!config.DISCORD_BOT_TOKEN) return { name, off: 'set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID to turn it on' };
  if (!config.DISCORD_APPLICATION_ID) return { name, off: 'it needs DISCORD_APPLICATION_ID' };
  if (config.DISCORD_MODE === 'http' && !config.DISCORD_PUBLIC_KEY) {
    return { name, off: 'HTTP mode needs DISCORD_PUBLIC_KEY' };
  }
  const token = config.DISCORD_BOT_TOKEN;
  const applicationId = config.DISCORD_APPLICATION_ID;
  return {
    name,
    describe: config.DISCORD_MODE === 'gateway' ? 'gateway' : 'HTTP endpoint /discord/interactions',
    path: '/discord/interactions',
    create: () =>
      createDiscordBot({
        token,
        applicationId,
        mode: config.DISCORD_MODE,
        publicKey: config.DISCORD_PUBLIC_KEY,
        apiUrl: config.DISCORD_API_URL,
        api,
        log: log('discord'),
        pollMs: config.DELIVERY_POLL_MS,
        timeoutMs: config.CHAT_API_TIMEOUT_MS,
        leaseSeconds: config.CHAT_CONNECTION_LEASE_SECONDS,
        onChange: (up) => onStatus('discord', up),
      }),
  };
}

/**
 * Starts the Slack and Discord bots whose tokens are configured. A bot that cannot start (a wrong
 * token, no network) is reported and left off; it never takes the API down with it.
 */
export async function startBots(
  config: Config,
  api: GraphQLClient,
  logger: Logger,
  onStatus: BotStatusListener = () => {},
): Promise<RunningBots> {
  const lines: string[] = [];
  const routes: Record<string, Handler> = {};
  const stops: (() => Promise<void>)[] = [];
  const log: Log = (name) => (event, message) => logger.info({ bot: name, ...event }, message);

  const status = (platform: 'slack' | 'discord', up: boolean) => {
    logger.info({ bot: platform, up }, up ? 'chat bot connected' : 'chat bot disconnected');
    onStatus(platform, up);
  };
  for (const plan of [slackPlan(config, api, log, status), discordPlan(config, api, log, status)]) {
    if (plan.off !== undefined) {
      lines.push(`${plan.name}: off (${plan.off})`);
      continue;
    }
    const bot = plan.create();
    try {
      await withTimeout(bot.start(), startTimeoutMs);
      if (bot.handle) routes[plan.path] = bot.handle;
      stops.push(() => bot.stop());
      const standby = bot.lease && !bot.lease.holding ? '; standby, another process holds the connection' : '';
      lines.push(`${plan.name}: on (${plan.describe}${standby})`);
    } catch (error) {
      await bot.stop().catch(() => {});
      lines.push(`${plan.name}: off (could not start: ${String(error)})`);
    }
  }

  return {
    status: lines,
    routes,
    async stop() {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
