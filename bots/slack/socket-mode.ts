import { type Logger, SocketModeReceiver } from '@slack/bolt';
import { ConnectionSupervisor } from '../connection-supervisor.ts';

export interface SocketModeOptions {
  appToken: string;
  /** Slack Web API base URL (tests: a fake on 127.0.0.1). */
  apiUrl?: string;
  timeoutMs: number;
  logger: Logger;
  log: (event: Record<string, unknown>, message: string) => void;
  onChange?: (up: boolean) => void;
  reconnectDelayMs?: number;
}

/**
 * Socket Mode under our own supervision. The Socket Mode client reconnects by itself when Slack
 * asks it to (`disconnect`, routinely), but one failed `apps.connections.open` during that
 * reconnect rejects where nothing catches it, which ends the process. So its own reconnect is off,
 * its Web API client gets options of its own (not the bot's, whose retries are the delivery
 * worker's business), and every reconnect goes through a ConnectionSupervisor, which retries with
 * backoff for as long as the bot runs.
 */
export function supervisedSocketMode(options: SocketModeOptions): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    autoReconnectEnabled: false,
    installerOptions: {
      clientOptions: {
        ...(options.apiUrl && { slackApiUrl: options.apiUrl }),
        retryConfig: { retries: 0 },
        timeout: options.timeoutMs,
      },
    },
  });
  const supervisor = new ConnectionSupervisor({
    connect: async () => {
      await receiver.client.start();
    },
    log: options.log,
    onChange: options.onChange,
    minDelayMs: options.reconnectDelayMs,
  });
  receiver.client.on('disconnected', () => supervisor.lost('socket closed'));
  const stop = receiver.stop.bind(receiver);
  Object.assign(receiver, {
    start: () => supervisor.start(),
    stop: async () => {
      supervisor.stop();
      await stop();
    },
  });
  return receiver;
}
