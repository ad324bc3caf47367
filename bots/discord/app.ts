import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { LeasedConnection } from '../connection-lease.ts';
import { DeliveryWorker } from '../delivery/worker.ts';
import type { GraphQLClient } from '../graphql-client.ts';
import { createGatewayClient } from './gateway.ts';
import { discordHttpEndpoint } from './http-endpoint.ts';
import type { DiscordDeps } from './listeners/interaction.ts';
import { commands, createInteractionRouter } from './listeners/router.ts';
import { discordPoster } from './poster.ts';

export interface DiscordBotOptions {
  token: string;
  applicationId: string;
  /** `http`: Discord posts interactions to /discord/interactions (needs `publicKey`); `gateway`: a websocket, no public URL. */
  mode: 'http' | 'gateway';
  publicKey?: string;
  /** Discord API base URL (tests: a fake on 127.0.0.1; or a proxy), for REST and the gateway alike. */
  apiUrl?: string;
  /** Every call to Discord gives up after this long. */
  timeoutMs?: number;
  /** Told when the bot's connection to Discord goes up or down. */
  onChange?: (up: boolean) => void;
  /** Gateway mode: the lease that keeps one session across processes lasts this long unless renewed. */
  leaseSeconds?: number;
  api: GraphQLClient;
  log: DiscordDeps['log'];
  pollMs?: number;
}

/** The Discord side of the chat loop: interactions (HTTP or gateway) and a delivery worker for alerts. */
export function createDiscordBot(options: DiscordBotOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const rest = new REST({
    version: '10',
    ...(options.apiUrl && { api: options.apiUrl }),
    timeout: timeoutMs,
    // The delivery worker owns waiting for messages: it keeps the retry time in the database. An
    // interaction's answer and follow-ups cannot wait for a later poll, and the global limit does
    // not bind them: those wait here for their bucket instead.
    rejectOnRateLimit: (limit) => !/^\/(interactions|webhooks)\//.test(limit.route),
  }).setToken(options.token);
  const deps: DiscordDeps = { api: options.api, rest, applicationId: options.applicationId, log: options.log };
  const route = createInteractionRouter(deps);
  const gateway =
    options.mode === 'gateway'
      ? createGatewayClient(
          { token: options.token, apiUrl: options.apiUrl, timeoutMs, onChange: options.onChange },
          route,
          deps,
        )
      : undefined;
  const lease = gateway
    ? new LeasedConnection({
        api: options.api,
        platform: 'DISCORD',
        ttlSeconds: options.leaseSeconds ?? 30,
        connect: gateway.start,
        disconnect: gateway.stop,
        log: options.log,
      })
    : undefined;
  const worker = new DeliveryWorker({
    client: options.api,
    poster: discordPoster(rest),
    pollMs: options.pollMs,
    log: options.log,
  });
  return {
    rest,
    route,
    worker,
    lease,
    /** Node HTTP handler for /discord/interactions (HTTP mode only). */
    handle: options.mode === 'http' ? discordHttpEndpoint(options.publicKey ?? '', route, options.log) : undefined,
    async start() {
      await rest.put(Routes.applicationCommands(options.applicationId), {
        body: commands.map((command) => command.data),
      });
      if (lease) await lease.start();
      else options.onChange?.(true);
      worker.start();
    },
    async stop() {
      await worker.stop();
      if (lease) await lease.stop();
      else options.onChange?.(false);
    },
  };
}

export type DiscordBot = ReturnType<typeof createDiscordBot>;
