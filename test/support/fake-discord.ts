import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
      Object.assign(message, body);
      return reply(200, message);
    }
    if (method === 'POST' && path === '/users/@me/channels')
      return reply(200, { id: `dm${body.recipient_id}`, type: 1 });
    if (method === 'PUT' && /^\/applications\/\w+\/commands$/.test(path)) return reply(200, body);
    if (/^\/(webhooks|interactions)\//.test(path)) return reply(200, { id: String(nextId++), ...body });
    return reply(404, { message: 'Unknown route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'),
    privateKey,
    calls,
    messages,
    callsTo: (method: string, pattern: RegExp) => calls.filter((c) => c.method === method && pattern.test(c.path)),
    /** The next message posts answer 429 with these Retry-After seconds. */
    rateLimitNextPosts: (...seconds: number[]) => rateLimits.push(...seconds),
    reset() {
      calls.length = 0;
      messages.length = 0;
      rateLimits.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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
