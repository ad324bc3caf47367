export interface SupervisorOptions {
  /** Opens the connection; resolves once it is up, rejects when this attempt failed. */
  connect: () => Promise<void>;
  log: (event: Record<string, unknown>, message: string) => void;
  /** Told whenever the connection goes up or down (for readiness and the loyalty_bot_up metric). */
  onChange?: (up: boolean) => void;
  /** Backoff between attempts: doubling from `minDelayMs` up to `maxDelayMs`, with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Keeps a websocket connection to a chat platform up: after a drop, or a failed attempt, it tries
 * again with backoff, for as long as the bot runs. A platform or network failure is never thrown
 * at the process: each attempt's failure is logged and the next one scheduled.
 */
export class ConnectionSupervisor {
  up = false;
  private stopped = false;
  private connecting = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly options: Required<Omit<SupervisorOptions, 'onChange'>> & Pick<SupervisorOptions, 'onChange'>;

  constructor(options: SupervisorOptions) {
    // `??`, not a spread: an option given as undefined must not replace its default (NaN delays).
    this.options = { ...options, minDelayMs: options.minDelayMs ?? 1_000, maxDelayMs: options.maxDelayMs ?? 30_000 };
  }

  /** The first connection: its failure goes to the caller, who decides whether the bot starts at all. */
  async start(): Promise<void> {
    this.stopped = false;
    this.connecting = true;
    try {
      await this.options.connect();
      this.setUp(true);
    } finally {
      this.connecting = false;
    }
  }

  /** The connection dropped (or the platform asked to reconnect): reconnect with backoff. */
  lost(reason: string): void {
    if (this.stopped || this.connecting || this.timer) return;
    this.setUp(false);
    this.options.log({ reason }, 'chat connection lost; reconnecting');
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.setUp(false);
  }

  private schedule(): void {
    const { minDelayMs, maxDelayMs } = this.options;
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(this.failures, 16));
    this.timer = setTimeout(() => void this.attempt(), delay * (0.75 + Math.random() / 2));
    this.timer.unref();
  }

  private async attempt(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    this.connecting = true;
    try {
      await this.options.connect();
      this.failures = 0;
      if (!this.stopped) this.setUp(true);
      this.options.log({}, 'chat connection restored');
    } catch (error) {
      this.failures++;
      this.options.log({ err: String(error), failures: this.failures }, 'chat reconnect failed; retrying');
      if (!this.stopped) this.schedule();
    } finally {
      this.connecting = false;
    }
  }

  private setUp(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    this.options.onChange?.(up);
  }
}
