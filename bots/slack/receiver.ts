import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { readBody } from '../read-body.ts';
import { isValidSlackSignature } from './signature.ts';

export interface SlackReceiverOptions {
  signingSecret: string;
  /** Seconds since the epoch, injectable for tests. */
  now?: () => number;
  log?: (event: Record<string, unknown>, message: string) => void;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const form = Object.fromEntries(new URLSearchParams(raw));
  return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
}

/**
 * Slack's HTTP endpoint (Events API, interactivity, slash commands), mounted in our own server.
 * Verifies the signature (5-minute window, constant-time), answers url_verification, and hands
 * the rest to Bolt, which acks first (the HTTP response) and works after.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly options: SlackReceiverOptions;

  constructor(options: SlackReceiverOptions) {
    this.options = options;
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  readonly handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const send = (status: number, body = '', type = 'text/plain') => {
      if (response.headersSent) return;
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.method !== 'POST') return send(405, 'POST only');
    const raw = await readBody(request);
    if (raw === null) return send(413, 'request body too large');
    // Slack checks the certificate with an unsigned `ssl_check=1` request: answer it, act on nothing.
    if (new URLSearchParams(raw).get('ssl_check') === '1') return send(200);
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    };
    const valid = isValidSlackSignature({
      signingSecret: this.options.signingSecret,
      body: raw,
      timestamp: header('x-slack-request-timestamp'),
      signature: header('x-slack-signature'),
      now: this.options.now?.(),
    });
    if (!valid) return send(401, 'invalid signature');

    let body: Record<string, any>;
    try {
      body = parseBody(raw, header('content-type') ?? undefined);
    } catch {
      return send(400, 'malformed body');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(400, 'malformed body');
    if (body.type === 'url_verification')
      return send(200, JSON.stringify({ challenge: body.challenge }), 'application/json');

    const event: ReceiverEvent = {
      body,
      retryNum: header('x-slack-retry-num') ? Number(header('x-slack-retry-num')) : undefined,
      retryReason: header('x-slack-retry-reason') ?? undefined,
      ack: async (answer?: unknown) => {
        if (answer === undefined || answer === '') send(200);
        else if (typeof answer === 'string') send(200, answer);
        else send(200, JSON.stringify(answer), 'application/json');
      },
    };
    try {
      await this.app?.processEvent(event);
      send(200); // events without a listener still get their 200, or Slack would retry them
    } catch (error) {
      // Listeners ack before they work, so a failure that comes before the ack is one Bolt could
      // not route: a payload that is signed but malformed. Work that fails after the ack is logged.
      this.options.log?.({ err: String(error) }, 'slack event failed');
      send(400, 'could not process this request');
    }
  };
}
