import type { TicketView } from '../alert-content.ts';
import type { GraphQLClient } from '../graphql-client.ts';
import * as ops from '../operations.ts';

export interface Delivery {
  id: number;
  kind: 'ALERT' | 'REMINDER' | 'ESCALATION' | 'SURVEY';
  platform: 'SLACK' | 'DISCORD';
  target: string;
  messageRef: string | null;
  threadRef: string | null;
  attempts: number;
  wantedVersion: number;
  /** When the delivery was queued: no attempt can have posted before it. */
  createdAt: string;
  ticket: TicketView | null;
  customer: { id: string; name: string } | null;
}

export interface RenderOptions {
  /** The alert without its free texts: for when the platform refuses the full rendering. */
  minimal?: boolean;
}

/** A chat platform's side of delivery: how to post, edit and find messages there. */
export interface ChatPoster {
  platform: 'SLACK' | 'DISCORD';
  /** After an earlier attempt may have posted without recording it: the message it left, if any. */
  findPosted(delivery: Delivery): Promise<string | null>;
  postAlert(delivery: Delivery, ticket: TicketView, options?: RenderOptions): Promise<string>;
  editAlert(delivery: Delivery & { messageRef: string }, ticket: TicketView, options?: RenderOptions): Promise<void>;
  /** A REMINDER or ESCALATION in the alert's thread. */
  postThreadReply(delivery: Delivery & { threadRef: string }, ticket: TicketView): Promise<string>;
  postSurvey(delivery: Delivery): Promise<string>;
}

/**
 * Thrown by a poster when the platform refuses for good: retrying the same request cannot help.
 * `content`: the message itself was refused (Slack invalid_blocks, Discord 50035); `gone`: the
 * message to edit was deleted; `target`: the channel or user is gone or closed to the bot.
 */
export class PermanentError extends Error {
  readonly reason: 'content' | 'gone' | 'target';
  constructor(reason: PermanentError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Thrown by a poster when the platform asks to wait (HTTP 429 with Retry-After). */
export class RetryLater extends Error {
  readonly seconds: number;
  constructor(seconds: number, message = `rate limited; retry after ${seconds}s`) {
    super(message);
    this.seconds = seconds;
  }
}

export interface WorkerOptions {
  client: GraphQLClient;
  poster: ChatPoster;
  pollMs?: number;
  batchSize?: number;
  /** Deliveries posted at once; each platform still answers 429 when a channel gets too many. */
  concurrency?: number;
  log?: (event: Record<string, unknown>, message: string) => void;
}

/**
 * Delivers the outbox of one platform: claims due deliveries through the API (leased, so several
 * workers can run), posts or edits the message, and reports the result. Everything it needs to
 * resume is in the database, so a restart loses nothing.
 */
export class DeliveryWorker {
  private running = false;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();
  private readonly options: Required<WorkerOptions>;

  constructor(options: WorkerOptions) {
    this.options = { pollMs: 500, batchSize: 25, concurrency: 8, log: () => {}, ...options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation++;
    this.schedule(0);
  }

  /** Stops polling and waits for the delivery in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current.catch(() => {});
  }

  /**
   * Stops at once, abandoning work in flight as a crash would: its results are never reported,
   * and its leases run out so that another worker retries it.
   */
  kill(): void {
    this.running = false;
    this.generation++;
    clearTimeout(this.timer);
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      const generation = this.generation;
      this.current = this.runOnce(generation)
        .catch((error) => {
          this.options.log({ err: String(error) }, 'delivery poll failed');
          return 0;
        })
        .then((handled) => {
          // A full batch means more are waiting: a backlog is drained at once, not a batch per poll.
          const delay = handled >= this.options.batchSize ? 0 : this.options.pollMs;
          if (this.running && generation === this.generation) this.schedule(delay);
        });
    }, delay);
  }

  /** Claims and delivers one batch; returns how many deliveries it handled. */
  async runOnce(generation = this.generation): Promise<number> {
    const { client, poster, batchSize } = this.options;
    const data = await client(ops.claimDeliveries, { platform: poster.platform, limit: batchSize });
    const deliveries: Delivery[] = data.claimChatDeliveries.claimed?.deliveries ?? [];
    const queue = [...deliveries];
    const lane = async () => {
      for (let next = queue.shift(); next && generation === this.generation; next = queue.shift()) {
        await this.deliver(next, generation);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, lane));
    return deliveries.length;
  }

  private async deliver(delivery: Delivery, generation: number): Promise<void> {
    const { client, log } = this.options;
    try {
      const result = await this.post(delivery);
      if (generation !== this.generation) return;
      await client(ops.completeDelivery, { input: { deliveryId: delivery.id, ...result } });
      log({ deliveryId: delivery.id, kind: delivery.kind, platform: delivery.platform }, 'delivered');
    } catch (error) {
      if (generation !== this.generation) return;
      const retryAfterSeconds = error instanceof RetryLater ? error.seconds : null;
      const permanent = error instanceof PermanentError;
      await client(ops.failDelivery, {
        input: { deliveryId: delivery.id, error: String(error), retryAfterSeconds, permanent },
      });
      log(
        { deliveryId: delivery.id, platform: delivery.platform, err: String(error), retryAfterSeconds, permanent },
        'delivery failed',
      );
    }
  }

  /** Posts an alert; when the platform refuses its content, once more in the minimal rendering. */
  private async postAlert(delivery: Delivery, ticket: TicketView): Promise<string> {
    const { poster } = this.options;
    try {
      return await poster.postAlert(delivery, ticket);
    } catch (error) {
      if (!(error instanceof PermanentError && error.reason === 'content')) throw error;
      return poster.postAlert(delivery, ticket, { minimal: true });
    }
  }

  /**
   * Edits the alert to show the ticket now; a refused rendering falls back to the minimal one, and a
   * deleted message is posted anew (its new reference is returned).
   */
  private async editAlert(delivery: Delivery & { messageRef: string }, ticket: TicketView): Promise<string> {
    const { poster } = this.options;
    try {
      await poster.editAlert(delivery, ticket);
      return delivery.messageRef;
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      if (error.reason === 'gone') return this.postAlert(delivery, ticket);
      if (error.reason !== 'content') throw error;
      await poster.editAlert(delivery, ticket, { minimal: true });
      return delivery.messageRef;
    }
  }

  private async post(delivery: Delivery): Promise<{ messageRef: string; postedVersion?: number }> {
    const { poster } = this.options;
    const earlier = delivery.messageRef ?? (delivery.attempts > 1 ? await poster.findPosted(delivery) : null);
    if (delivery.kind === 'SURVEY') return { messageRef: earlier ?? (await poster.postSurvey(delivery)) };
    const ticket = delivery.ticket;
    if (!ticket) throw new Error(`delivery ${delivery.id} has no ticket`);
    if (delivery.kind === 'ALERT') {
      const messageRef = earlier
        ? await this.editAlert({ ...delivery, messageRef: earlier }, ticket)
        : await this.postAlert(delivery, ticket);
      return { messageRef, postedVersion: ticket.version };
    }
    if (earlier) return { messageRef: earlier };
    if (!delivery.threadRef) throw new RetryLater(5, 'the alert is not posted yet');
    return { messageRef: await poster.postThreadReply({ ...delivery, threadRef: delivery.threadRef }, ticket) };
  }
}
