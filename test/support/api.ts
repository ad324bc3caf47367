import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ExecutionResult } from 'graphql';
import { createLogger } from '../../server/logger.ts';
import { type AppOptions, createApp } from '../../server/yoga.ts';
import type { TestDatabase } from './database.ts';

export type GraphQLResponse<T = any> = ExecutionResult<T> & { status: number };

/** Calls the real Yoga app in-process (`yoga.fetch`), exactly as an HTTP client would. */
export function apiClient(db: TestDatabase, options: Partial<AppOptions> = {}) {
  let app: ReturnType<typeof createApp> | undefined;
  return async function graphql<T = any>(
    token: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    app ??= createApp({ orm: db.orm, logger: createLogger('silent'), ...options });
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as ExecutionResult<T>), status: response.status };
  };
}

export const gid = (typename: string, id: number) => encodeGlobalID(typename, id);
