import { operationHash } from './operation-hash.ts';

/**
 * The bots' only way into loyalty-loop: GraphQL over fetch. In the same process `fetch` is the
 * Yoga app's own (no socket); deployed apart it is the global fetch against the API's URL.
 */
export type Fetch = (url: string, init: RequestInit) => Response | Promise<Response>;

export interface GraphQLClientOptions {
  url: string;
  /** An API token with the BOT role. */
  token: string;
  fetch?: Fetch;
}

export class GraphQLRequestError extends Error {
  readonly codes: string[];
  constructor(errors: { message: string; extensions?: { code?: string } }[]) {
    super(errors.map((error) => error.message).join('; '));
    this.codes = errors.map((error) => error.extensions?.code ?? 'UNKNOWN');
  }
}

export type GraphQLClient = <T = any>(
  query: string,
  variables?: Record<string, unknown>,
  chatUser?: string,
) => Promise<T>;

/**
 * Sends each document as a persisted operation (its SHA-256 only) and, when the API does not know
 * it (an older API, say), once more with the document: Apollo's automatic persisted queries.
 */
export function createGraphQLClient({ url, token, fetch = globalThis.fetch }: GraphQLClientOptions): GraphQLClient {
  return async (query, variables = {}, chatUser) => {
    const persistedQuery = { version: 1, sha256Hash: operationHash(query) };
    const send = async (body: Record<string, unknown>) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(chatUser && { 'x-chat-user': chatUser }),
        },
        body: JSON.stringify({ ...body, variables, extensions: { persistedQuery } }),
      });
      return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    };
    let body = await send({});
    if (body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND'))
      body = await send({ query });
    if (body.errors?.length) throw new GraphQLRequestError(body.errors);
    return body.data;
  };
}
