import { Repeater, SlidingBuffer } from 'graphql-yoga';
import pg from 'pg';
import { type LiveEvent, type LiveFeed, liveChannel, parseLiveEvent } from '../domain/live/live-event.ts';
import type { Logger } from './logger.ts';

/** Where the subscriptions of this process hear committed changes. */
export interface LiveEvents extends LiveFeed {
  /** Ends every subscription of this process (they complete) and stops listening. */
  stop(): Promise<void>;
}

/**
 * Events a subscriber has not taken yet, at most: a subscriber that falls this far behind (a
 * stalled client) loses the oldest, instead of the process holding them without end.
 */
const backlogPerSubscriber = 1_000;

/**
 * One connection per process that LISTENs on the database's live channel and hands each
 * notification to the subscriptions of this process. The connection is reopened with backoff
 * when it drops (a database restart); changes made while it was down are not replayed, which is
 * why the lists also take `updatedSince` for a client to catch up after it reconnects.
 */
export function startLiveListener(
  databaseUrl: string,
  logger: Logger,
  { reconnectDelayMs = 1_000, maxReconnectDelayMs = 30_000 } = {},
): LiveEvents {
  const subscribers = new Map<(event: LiveEvent) => void, () => void>();
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = reconnectDelayMs;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'loyalty-loop live events' });
    client = next;
    next.on('notification', (message) => {
      const event = parseLiveEvent(message.payload);
      if (event) for (const push of subscribers.keys()) push(event);
    });
    next.on('error', (error) => {
      logger.warn({ err: { message: error.message } }, 'live events: the listening connection failed');
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      await next.query(`listen ${liveChannel}`);
      delay = reconnectDelayMs;
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'live events: cannot listen yet');
      reconnect(next);
    }
  };
  const reconnect = (failed: pg.Client) => {
    if (stopped || client !== failed || timer) return;
    client = null;
    failed.end().catch(() => {});
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, maxReconnectDelayMs);
  };
  void connect();

  return {
    events: () =>
      new Repeater<LiveEvent>(async (push, stop) => {
        const deliver = (event: LiveEvent) => void push(event);
        subscribers.set(deliver, () => stop());
        await stop;
        subscribers.delete(deliver);
      }, new SlidingBuffer(backlogPerSubscriber)),
    async stop() {
      stopped = true;
      for (const end of subscribers.values()) end();
      clearTimeout(timer);
      const last = client;
      client = null;
      await last?.end().catch(() => {});
    },
  };
}
