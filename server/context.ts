import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createGraphQLError } from 'graphql-yoga';
import { principalFor } from '../domain/access/access.ts';
import type { Actor } from '../domain/access/actor.ts';
import { type Viewer, viewerForToken } from '../domain/access/api-tokens.ts';
import { type ChatUser, resolveChatUser } from '../domain/access/chat-identity.ts';
import type { LiveFeed } from '../domain/live/live-event.ts';
import type { Context, Settings } from '../schema/context.ts';
import { createLoaders } from '../schema/loaders.ts';

function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** The bots running inside this process: a BOT viewer that exists only in memory. */
const internalBots: Viewer = { tokenId: 0, name: 'in-process bots', role: 'BOT', member: null, customerId: null };

/**
 * The channel a person's token acts through: API, or WEB when a browser app says so with
 * `X-Client-Channel: WEB` (the dashboard does). Chat channels come only from the bots' chat users.
 */
function clientChannel(request: Request): 'API' | 'WEB' {
  const value = request.headers.get('x-client-channel');
  if (value === null || value.toUpperCase() === 'API') return 'API';
  if (value.toUpperCase() === 'WEB') return 'WEB';
  throw createGraphQLError('X-Client-Channel is WEB or API.', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

function actorFor(viewer: Viewer, chatUser: ChatUser | null, channel: 'API' | 'WEB'): Actor {
  if (chatUser) {
    const name = chatUser.member?.name ?? `${chatUser.platform.toLowerCase()} user ${chatUser.userId}`;
    return { memberId: chatUser.member?.id ?? null, name, channel: chatUser.platform, tokenId: viewer.tokenId };
  }
  return {
    memberId: viewer.member?.id ?? null,
    name: viewer.member?.name ?? viewer.name,
    channel,
    tokenId: viewer.tokenId,
  };
}

/**
 * Builds the per-request context: a fresh EntityManager fork (never the global one), loaders
 * bound to it, and the viewer from the bearer token. No valid token, no execution: 401.
 */
export async function createContext(
  orm: MikroORM,
  settings: Settings,
  request: Request,
  options: {
    internalBotSecret?: string;
    lookup?: (em: EntityManager, secret: string) => Promise<Viewer | null>;
    live?: LiveFeed;
  } = {},
): Promise<Context> {
  const channel = clientChannel(request);
  const em = orm.em.fork();
  const secret = bearerToken(request);
  const lookup = options.lookup ?? viewerForToken;
  const viewer =
    secret && secret === options.internalBotSecret ? internalBots : secret ? await lookup(em, secret) : null;
  if (!viewer) {
    throw createGraphQLError(
      secret ? 'The API token is unknown or revoked.' : 'Send an API token: Authorization: Bearer <token>.',
      { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
    );
  }
  const chatHeader = request.headers.get('x-chat-user');
  const chatUser = viewer.role === 'BOT' && chatHeader ? await resolveChatUser(em, chatHeader) : null;
  return {
    em,
    loaders: createLoaders(em),
    viewer,
    chatUser,
    principal: principalFor(viewer, chatUser),
    actor: actorFor(viewer, chatUser, channel),
    settings,
    live: options.live,
  };
}
