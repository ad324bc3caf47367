import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { GraphQLClient } from './graphql-client.ts';
import * as ops from './operations.ts';

export interface LeaseOptions {
  api: GraphQLClient;
  platform: 'SLACK' | 'DISCORD';
  /** How long the lease lasts unless renewed; renewed every third of it. */
  ttlSeconds: number;
  /** Opens the websocket (this process now holds the lease). */
  connect: () => Promise<void>;
  /** Closes it (the lease was lost, or the bot stops). */
  disconnect: () => Promise<void>;
  log: (event: Record<string, unknown>, message: string) => void;
}

/**
 * One websocket per platform across all API processes: Slack would spread events over several
 * Socket Mode connections, but every Discord gateway session gets every event, so with three
 * processes each click would be handled three times. The process holding the lease (kept in
 * PostgreSQL, through the API) connects; the others stand by and take over when the holder stops
 * or dies (its lease runs out). HTTP-mode endpoints need none of this and work on every process.
 */
export class LeasedConnection {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  holding = false;
  private timer: NodeJS.Timeout | undefined;
  private heldUntil = 0;
  private ticking: Promise<void> = Promise.resolve();

  private readonly options: LeaseOptions;

  constructor(options: LeaseOptions) {
    this.options = options;
  }

  /** Takes the lease if it is free and connects; a first connection's failure goes to the caller. */
  async start(): Promise<void> {
    const held = await this.claim();
    if (held) {
      await this.options.connect();
      this.holding = true;
    }
    this.timer = setInterval(
      () => {
        this.ticking = this.ticking.then(() => this.tick());
      },
      (this.options.ttlSeconds * 1000) / 3,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    if (!this.holding) return;
    this.holding = false;
    await this.options.disconnect();
    await this.release();
  }

  /** Gives the lease up at once, so that another process need not wait for it to run out. */
  private async release(): Promise<void> {
    await this.options
      .api(ops.releaseConnection, { platform: this.options.platform, holder: this.holder })
      .catch((error) => this.options.log({ err: String(error) }, 'could not release the chat connection lease'));
  }

  private async claim(): Promise<boolean> {
    const { api, platform, ttlSeconds } = this.options;
    const data = await api(ops.claimConnection, { platform, holder: this.holder, ttlSeconds });
    if (data.claimChatConnection) this.heldUntil = Date.now() + ttlSeconds * 1000;
    return Boolean(data.claimChatConnection);
  }

  private async tick(): Promise<void> {
    const { log } = this.options;
    let held: boolean;
    try {
      held = await this.claim();
    } catch (error) {
      // The API (or its database) did not answer: keep the connection while the lease we have lasts.
      held = this.holding && Date.now() < this.heldUntil;
      log({ err: String(error), held }, 'could not renew the chat connection lease');
    }
    if (held && !this.holding) {
      try {
        await this.options.connect();
        this.holding = true;
        log({ holder: this.holder }, 'took over the chat connection');
      } catch (error) {
        log({ err: String(error) }, 'could not connect after taking the lease; letting it go');
        await this.release();
      }
    } else if (!held && this.holding) {
      this.holding = false;
      log({ holder: this.holder }, 'lost the chat connection lease; disconnecting');
      await this.options.disconnect().catch((error) => log({ err: String(error) }, 'disconnect failed'));
    }
  }
}
