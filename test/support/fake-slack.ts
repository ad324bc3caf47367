import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { signSlackRequest } from '../../bots/slack/signature.ts';
import { slackRefusal } from './platform-rules.ts';
import { readRequest } from './read-request.ts';

export interface SlackCall {
  method: string;
  args: Record<string, any>;
  at: number;
}

interface Scripted {
  /** The HTTP status to answer with; 0 drops the connection without an answer (a refused call). */
  status: number;
  retryAfter?: number;
  /** With status 200: answer `{ ok: false, error }`, as Slack refuses a call. */
  error?: string;
  /** Resolves when the test lets the call answer: a delivery caught mid-flight. */
  hold?: Promise<void>;
}

function parseArgs(raw: string, type: string | undefined): Record<string, any> {
  const args: Record<string, any> = type?.includes('json')
    ? JSON.parse(raw || '{}')
    : Object.fromEntries(new URLSearchParams(raw));
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
      } catch {
        // a plain string that happens to start with a bracket
      }
    }
  }
  return args;
}

/**
 * A fake Slack Web API on 127.0.0.1 that records every call and keeps messages (with metadata,
 * threads and edits) the way Slack does, with scriptable failures (500, 429 + Retry-After) and
 * held responses.
 */
export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  const messages: { channel: string; ts: string; text?: string; blocks?: any[]; metadata?: any; thread_ts?: string }[] =
    [];
  const scripts = new Map<string, Scripted[]>();
  let sequence = 0;
  /** Slack's ts: the epoch second of posting and a sequence, unique per workspace here. */
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
  /** conversations.history and .replies: newest first, from `oldest` on, `limit` a page with a cursor. */
  const page = (list: typeof messages, args: Record<string, any>) => {
    const oldest = Number(args.oldest ?? 0);
    const newestFirst = list.filter((m) => Number(m.ts) > oldest).reverse();
    const start = Number(args.cursor ?? 0);
    const limit = Math.min(Number(args.limit ?? 100), 1000);
    const next = start + limit < newestFirst.length ? String(start + limit) : '';
    return {
      messages: newestFirst.slice(start, start + limit),
      has_more: next !== '',
      response_metadata: { next_cursor: next },
    };
  };

  const server = createServer(async (request, response) => {
    const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = parseArgs(await readRequest(request), request.headers['content-type']);
    calls.push({ method, args, at: Date.now() });
    const script = scripts.get(method)?.shift();
    if (script?.hold) await script.hold;
    if (script?.status === 0) {
      request.socket.destroy();
      return;
    }
    if (script?.error) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: script.error }));
      return;
    }
    if (script && script.status !== 200) {
      response.writeHead(script.status, {
        'content-type': 'application/json',
        ...(script.retryAfter !== undefined && { 'retry-after': String(script.retryAfter) }),
      });
      response.end(JSON.stringify({ ok: false, error: script.status === 429 ? 'ratelimited' : 'internal_error' }));
      return;
    }
    const reply = (body: Record<string, unknown>) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, ...body }));
    };
    const dm = (channel: string) => (channel.startsWith('U') ? `D${channel.slice(1)}` : channel);
    switch (method) {
      case 'auth.test':
        return reply({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'TTEAM', user: 'loyalty-loop' });
      case 'chat.postMessage': {
        const refusal = slackRefusal(args);
        if (refusal) return reply({ ok: false, ...refusal });
        const ts = nextTs();
        const channel = dm(String(args.channel));
        messages.push({
          channel,
          ts,
          text: args.text,
          blocks: args.blocks,
          metadata: args.metadata,
          thread_ts: args.thread_ts,
        });
        return reply({ channel, ts, message: { ts, text: args.text } });
      }
      case 'chat.update': {
        const refusal = slackRefusal(args);
        if (refusal) return reply({ ok: false, ...refusal });
        const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!message) return reply({ ok: false, error: 'message_not_found' });
        Object.assign(message, { text: args.text, blocks: args.blocks });
        return reply({ channel: args.channel, ts: args.ts });
      }
      case 'apps.connections.open':
        return reply({ url: `ws://127.0.0.1:${port}/link/?ticket=${++tickets}` });
      case 'conversations.open':
        return reply({ channel: { id: dm(String(args.users)) } });
      case 'conversations.history':
        return reply(
          page(
            messages.filter((m) => m.channel === args.channel && !m.thread_ts),
            args,
          ),
        );
      case 'conversations.replies':
        return reply(
          page(
            messages.filter((m) => m.channel === args.channel && m.thread_ts === args.ts),
            args,
          ),
        );
      default:
        return reply({});
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let tickets = 0;
  const socket = fakeSocketMode(server);

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    messages,
    socket,
    callsTo: (method: string) => calls.filter((call) => call.method === method),
    /** The next calls of `method` answer with these statuses before normal service resumes. */
    script(method: string, ...responses: Scripted[]) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...responses]);
    },
    /** Messages by people in a channel, as a busy channel has between two of the bot's. */
    chatter(channel: string, count: number) {
      for (let i = 0; i < count; i++) messages.push({ channel, ts: nextTs(), text: `message ${i}` });
    },
    /** Deletes a message, as a member of the channel can. */
    deleteMessage(ts: string) {
      const index = messages.findIndex((m) => m.ts === ts);
      if (index >= 0) messages.splice(index, 1);
    },
    reset() {
      calls.length = 0;
      messages.length = 0;
      scripts.clear();
    },
    close: async () => {
      await socket.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Slack's Socket Mode side, at the URL apps.connections.open hands out: `hello` on connect,
 * envelopes that the app must ack with their envelope_id, and `disconnect` messages as Slack sends
 * them before it recycles a connection.
 */
function fakeSocketMode(server: ReturnType<typeof createServer>) {
  const wss = new WebSocketServer({ server, path: '/link/' });
  const open = new Set<WebSocket>();
  const acks = new Map<string, (payload: unknown) => void>();
  let connectionCount = 0;
  let envelopes = 0;
  wss.on('connection', (ws) => {
    connectionCount++;
    open.add(ws);
    ws.on('close', () => open.delete(ws));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) acks.get(message.envelope_id)?.(message.payload ?? null);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: open.size, connection_info: { app_id: 'AFAKE' } }));
  });
  return {
    /** Live connections, and how many were ever made. */
    get open() {
      return open.size;
    },
    get connections() {
      return connectionCount;
    },
    /** Sends an envelope to the live connection; resolves with the app's ack payload. */
    send(type: 'events_api' | 'interactive' | 'slash_commands', payload: unknown, retryAttempt = 0) {
      const [ws] = open;
      if (!ws) throw new Error('no Socket Mode connection');
      const id = `env-${++envelopes}`;
      const acked = new Promise((resolve) => acks.set(id, resolve));
      ws.send(
        JSON.stringify({
          envelope_id: id,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: retryAttempt,
          retry_reason: retryAttempt ? 'timeout' : '',
        }),
      );
      return acked;
    },
    /** What Slack does before recycling a connection: `disconnect`, then the socket closes. */
    refresh() {
      for (const ws of open) {
        ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of open) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** Sends a request to the bot's Slack endpoint signed exactly as Slack signs it. */
export async function sendSignedSlack(
  url: string,
  signingSecret: string,
  body: string,
  options: { contentType?: string; timestamp?: number; signature?: string; retryNum?: number } = {},
) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? signSlackRequest(signingSecret, body, timestamp),
      ...(options.retryNum !== undefined && {
        'x-slack-retry-num': String(options.retryNum),
        'x-slack-retry-reason': 'http_timeout',
      }),
    },
    body,
  });
}

export const interactionBody = (payload: Record<string, unknown>) =>
  `payload=${encodeURIComponent(JSON.stringify(payload))}`;

/** Waits until `check` returns something truthy, polling; fails after `ms`. */
export async function eventually<T>(check: () => T | Promise<T>, ms = 5000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
