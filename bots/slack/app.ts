import { App, LogLevel } from '@slack/bolt';
import { LeasedConnection } from '../connection-lease.ts';
import { DeliveryWorker } from '../delivery/worker.ts';
import type { GraphQLClient } from '../graphql-client.ts';
import type { SlackBotContext } from './bot-context.ts';
import { registerListeners } from './listeners/index.ts';
import { slackPoster } from './poster.ts';
import { SlackHttpReceiver } from './receiver.ts';
import { supervisedSocketMode } from './socket-mode.ts';

export interface SlackBotOptions {
  botToken: string;
  /** `http`: Slack posts to /slack/events (needs a public URL); `socket`: Socket Mode, no public URL. */
  mode: 'http' | 'socket';
  signingSecret?: string;
  appToken?: string;
  /** Slack Web API base URL; only tests change it (to a fake API on 127.0.0.1). */
  apiUrl?: string;
  api: GraphQLClient;
  log: SlackBotContext['log'];
  pollMs?: number;
  /** Seconds since the epoch, for signature checks in tests. */
  now?: () => number;
  /** Every call to Slack gives up after this long (a hung call must not hold up the others). */
  timeoutMs?: number;
  /** Told when the bot's connection to Slack goes up or down. */
  onChange?: (up: boolean) => void;
  /** First delay before a Socket Mode reconnect; it doubles per failure (tests shorten it). */
  reconnectDelayMs?: number;
  /** Socket Mode: the lease that keeps one connection across processes lasts this long unless renewed. */
  leaseSeconds?: number;
}

function boltLogger(log: SlackBotContext['log']) {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...message: unknown[]) => log({ slack: message.map(String).join(' ') }, 'slack warning'),
    error: (...message: unknown[]) => log({ slack: message.map(String).join(' ') }, 'slack error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** The Slack side of the chat loop: Bolt listeners for people's clicks, and a delivery worker for alerts. */
export function createSlackBot(options: SlackBotOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const logger = boltLogger(options.log);
  const http =
    options.mode === 'http'
      ? new SlackHttpReceiver({ signingSecret: options.signingSecret ?? '', now: options.now, log: options.log })
      : undefined;
  const receiver =
    http ??
    supervisedSocketMode({
      appToken: options.appToken ?? '',
      apiUrl: options.apiUrl,
      timeoutMs,
      logger,
      log: options.log,
      onChange: options.onChange,
      reconnectDelayMs: options.reconnectDelayMs,
    });
  const app = new App({
    token: options.botToken,
    receiver,
    socketMode: !http,
    logger,
    // Bolt checks the token (auth.test) while constructing, where a failure cannot be caught;
    // deferred, it happens in start(), whose caller reports it.
    deferInitialization: true,
    clientOptions: {
      ...(options.apiUrl && { slackApiUrl: options.apiUrl }),
      // The delivery worker owns retries: it keeps them in the database and honours Retry-After.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timeoutMs,
    },
  });
  registerListeners(app, { api: options.api, log: options.log });
  // Failures after a listener's ack (a Slack API call that fails, say) are logged, not rethrown.
  app.error(async (error) => {
    options.log({ err: String(error) }, 'slack listener failed');
  });
  const worker = new DeliveryWorker({
    client: options.api,
    poster: slackPoster(app.client),
    pollMs: options.pollMs,
    log: options.log,
  });
  const lease = http
    ? undefined
    : new LeasedConnection({
        api: options.api,
        platform: 'SLACK',
        ttlSeconds: options.leaseSeconds ?? 30,
        connect: async () => {
          await app.start();
        },
        disconnect: async () => {
          await app.stop();
        },
        log: options.log,
      });
  return {
    app,
    worker,
    lease,
    /** Node HTTP handler for /slack/events (HTTP mode only). */
    handle: http?.handle,
    async start() {
      await app.init();
      if (lease) await lease.start();
      else {
        await app.start();
        options.onChange?.(true);
      }
      worker.start();
    },
    async stop() {
      await worker.stop();
      if (lease) await lease.stop();
      else {
        await app.stop();
        options.onChange?.(false);
      }
    },
  };
}

export type SlackBot = ReturnType<typeof createSlackBot>;
