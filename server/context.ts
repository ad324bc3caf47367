import type { MikroORM } from '@mikro-orm/postgresql';
import { createGraphQLError } from 'graphql-yoga';
import { viewerForToken } from '../domain/api-tokens.ts';
import { createLoaders } from '../domain/loaders.ts';
import type { Context } from '../schema/context.ts';

function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * Builds the per-request context: a fresh EntityManager fork (never the global one), loaders
 * bound to it, and the viewer from the bearer token. No valid token, no execution: 401.
 */
export async function createContext(orm: MikroORM, request: Request): Promise<Context> {
  const em = orm.em.fork();
  const secret = bearerToken(request);
  const viewer = secret ? await viewerForToken(em, secret) : null;
  if (!viewer) {
    throw createGraphQLError(
      secret ? 'The API token is unknown or revoked.' : 'Send an API token: Authorization: Bearer <token>.',
      { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
    );
  }
  return {
    em,
    loaders: createLoaders(em),
    viewer,
    actor: { memberId: viewer.member?.id ?? null, name: viewer.member?.name ?? viewer.name, channel: 'API' },
  };
}
