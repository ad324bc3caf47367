import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { discordRefusal } from './platform-rules.ts';
import { readRequest } from './read-request.ts';

export interface DiscordCall {
  method: string;
  path: string;
  body: any;
  at: number;
}

/**
 * A fake Discord REST API (v10) on 127.0.0.1: messages with nonce enforcement, edits, DMs,
 * interaction callbacks and webhooks, command registration, and scriptable 429s.
 */
export async function startFakeDiscord() {
  const calls: DiscordCall[] = [];
  const messages: {
    id: string;
    channel_id: string;
    nonce?: string;
    content?: string;
    embeds?: any[];
    components?: any[];
    message_reference?: any;
  }[] = [];
  const rateLimits: number[] = [];
  const missingChannels = new Set<string>();
  const webhookLimits: number[] = [];
  const refusedCallbacks: { status: number; code: number; message: string }[] = [];
  let nextId = 1_000_000_000_000_000_000n;

  const server = createServer(async (request, response) => {
    const raw = await readRequest(request);
    const body = raw ? JSON.parse(raw) : null;
    const path = decodeURIComponent((request.url ?? '').replace(/^\/api\/v10/, '').split('?')[0] ?? '');
    const method = request.method ?? 'GET';
    calls.push({ method, path, body, at: Date.now() });
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const post = method === 'POST' ? path.match(/^\/channels\/(\d+|dm\d+)\/messages$/) : null;
    const edit = method === 'PATCH' ? path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/) : null;
    if ((post || edit) && missingChannels.has(((post ?? edit) as RegExpMatchArray)[1] as string)) {
      return reply(404, { message: 'Unknown Channel', code: 10003 });
    }
    if (post) {
      const retryAfter = rateLimits.shift();
      if (retryAfter !== undefined) {
        return reply(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
          {
            'retry-after': String(retryAfter),
            'x-ratelimit-scope': 'user',
            'x-ratelimit-limit': '5',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': String(retryAfter),
            'x-ratelimit-bucket': 'fake',
          },
        );
      }
      const refusal = discordRefusal(body);
      if (refusal) return reply(400, refusal);
      const channel = post[1] as string;
      const same = body.enforce_nonce && messages.find((m) => m.channel_id === channel && m.nonce === body.nonce);
      if (same) return reply(200, same);
      const message = { id: String(nextId++), channel_id: channel, ...body };
      messages.push(message);
      return reply(200, message);
    }
    if (edit) {
      const message = messages.find((m) => m.channel_id === edit[1] && m.id === edit[2]);
      if (!message) return reply(404, { message: 'Unknown Message', code: 10008 });
      const refusal = discordRefusal(body);
      if (refusal) return reply(400, refusal);
      Object.assign(message, body);
      return reply(200, message);
    }
    if (method === 'POST' && path === '/users/@me/channels')
      return reply(200, { id: `dm${body.recipient_id}`, type: 1 });
    if (method === 'PUT' && /^\/applications\/\w+\/commands$/.test(path)) return reply(200, body);
    if (method === 'POST' && /^\/webhooks\//.test(path)) {
      const retryAfter = webhookLimits.shift();
      if (retryAfter !== undefined) {
        // The global limit: it binds the bot's token, and says so.
        return reply(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: true },
          { 'retry-after': String(retryAfter), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
        );
      }
    }
    if (/^\/interactions\//.test(path)) {
      const refusal = refusedCallbacks.shift();
      if (refusal) return reply(refusal.status, { message: refusal.message, code: refusal.code });
    }
    if (/^\/(webhooks|interactions)\//.test(path)) {
      const refusal = discordRefusal(path.startsWith('/interactions/') ? (body?.data ?? {}) : (body ?? {}));
      if (refusal) return reply(400, refusal);
      return reply(200, { id: String(nextId++), ...body });
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return reply(200, {
        url: `ws://127.0.0.1:${port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    return reply(404, { message: 'Unknown route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gateway = fakeGateway(server, port);

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'),
    privateKey,
    calls,
    messages,
    callsTo: (method: string, pattern: RegExp) => calls.filter((c) => c.method === method && pattern.test(c.path)),
    gateway,
    /** Deletes a message, as a member of the channel can. */
    deleteMessage(id: string) {
      const index = messages.findIndex((m) => m.id === id);
      if (index >= 0) messages.splice(index, 1);
    },
    /** A channel that no longer exists (or that the bot was removed from): 404, code 10003. */
    removeChannel: (id: string) => missingChannels.add(id),
    /** The next interaction callbacks are refused as Discord refuses them (10062, 40060). */
    refuseNextCallbacks(...refusals: ('unknown' | 'acknowledged')[]) {
      for (const refusal of refusals) {
        refusedCallbacks.push(
          refusal === 'unknown'
            ? { status: 404, code: 10062, message: 'Unknown interaction' }
            : { status: 400, code: 40060, message: 'Interaction has already been acknowledged.' },
        );
      }
    },
    /** The next interaction follow-ups answer 429 (global) with these Retry-After seconds. */
    rateLimitNextFollowUps: (...seconds: number[]) => webhookLimits.push(...seconds),
    /** The next message posts answer 429 with these Retry-After seconds. */
    rateLimitNextPosts: (...seconds: number[]) => rateLimits.push(...seconds),
    reset() {
      calls.length = 0;
      messages.length = 0;
      rateLimits.length = 0;
      refusedCallbacks.length = 0;
      missingChannels.clear();
      webhookLimits.length = 0;
    },
    close: async () => {
      await gateway.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Discord's gateway (v10, JSON, no compression) at the URL GET /gateway/bot gives: HELLO,
 * IDENTIFY → READY, heartbeats → ACK, RESUME → RESUMED with the session's sequence kept, and
 * dispatches (INTERACTION_CREATE, MESSAGE_CREATE) sent by the test.
 */
function fakeGateway(server: ReturnType<typeof createServer>, port: number) {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const sessions = new Set<string>();
  const received: { op: number; d: any }[] = [];
  let live: WebSocket | null = null;
  let seq = 0;
  const send = (ws: WebSocket, payload: Record<string, unknown>) => ws.send(JSON.stringify(payload));
  const dispatch = (ws: WebSocket, t: string, d: unknown) => send(ws, { op: 0, t, s: ++seq, d });
  wss.on('connection', (ws) => {
    send(ws, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { op: number; d: any };
      received.push(message);
      if (message.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (message.op === 2) {
        const sessionId = `session-${sessions.size + 1}`;
        sessions.add(sessionId);
        live = ws;
        dispatch(ws, 'READY', {
          v: 10,
          user: { id: '1', username: 'loyalty-loop', discriminator: '0', avatar: null, bot: true, global_name: null },
          guilds: [],
          session_id: sessionId,
          resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
          shard: [0, 1],
          application: { id: 'app-fake', flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
        });
      }
      if (message.op === 6) {
        if (!sessions.has(message.d?.session_id)) return send(ws, { op: 9, d: false, s: null, t: null });
        live = ws;
        dispatch(ws, 'RESUMED', {});
      }
    });
    ws.on('close', () => {
      if (live === ws) live = null;
    });
  });
  return {
    /** What the client sent (IDENTIFY op 2, RESUME op 6, heartbeats op 1). */
    received,
    get connected() {
      return live !== null;
    },
    /** Sends a dispatch event on the live session. */
    dispatch(t: string, d: unknown) {
      if (!live) throw new Error('no gateway session');
      dispatch(live, t, d);
    },
    /** Drops the connection as Discord does when it wants a resume (close code 4000). */
    drop() {
      live?.close(4000, 'unknown error');
      live = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

/** Posts an interaction to the bot's endpoint, signed with Ed25519 exactly as Discord signs it. */
export function sendSignedDiscord(
  url: string,
  privateKey: KeyObject,
  interaction: unknown,
  options: { signature?: string } = {},
) {
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = options.signature ?? sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body,
  });
}
