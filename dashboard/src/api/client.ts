import { type AnyVariables, Client, type CombinedError, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createSocketClient } from 'graphql-ws/client';
import type { OperationName } from '../../operations.ts';

declare const __OPERATION_IDS__: Record<string, string>;

/** The operations' persisted ids by name, written in by the build: the page holds no documents. */
const operationIds = __OPERATION_IDS__;

export type TicketActionName =
  | 'ClaimTicket'
  | 'AcknowledgeTicket'
  | 'RecordApology'
  | 'AddTicketNote'
  | 'ResolveTicket'
  | 'ReopenTicket'
  | 'CloseTicket';

type Name = OperationName | TicketActionName;

const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * A persisted document as urql sends it: the id alone (GraphQL over HTTP's `documentId`), which
 * the API runs even when it takes persisted operations only.
 */
export function persisted(name: Name) {
  const id = operationIds[capitalized(name)];
  if (!id) throw new Error(`no persisted operation ${name}`);
  return { kind: 'Document', definitions: [], documentId: id } as never;
}

export interface ApiClient {
  urql: Client;
  close(): void;
  /** Called with true when the live connection is up, false while it reconnects. */
  onLive(listener: (up: boolean) => void): () => void;
}

/**
 * One urql client per signed-in token: queries and mutations over HTTP (POST, `documentId`),
 * subscriptions over the API's WebSocket (graphql-ws), the token in its connection_init. Every
 * request says `X-Client-Channel: WEB`, so the ticket history shows the change came from here.
 * Nothing is cached: a queue shared with Slack, Discord and other browsers is read fresh.
 */
export function createApiClient(token: string): ApiClient {
  const listeners = new Set<(up: boolean) => void>();
  const socket = createSocketClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    on: {
      connected: () => {
        for (const listener of listeners) listener(true);
      },
      closed: () => {
        for (const listener of listeners) listener(false);
      },
    },
  });
  const urql = new Client({
    url: '/graphql',
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => ({
      headers: { authorization: `Bearer ${token}`, 'x-client-channel': 'WEB' },
    }),
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            // graphql-ws wants a `query` string; the API takes the documentId first.
            unsubscribe: socket.subscribe(
              { query: '', documentId: request.documentId, variables: request.variables } as never,
              sink as never,
            ),
          }),
        }),
      }),
    ],
  });
  return {
    urql,
    close: () => void socket.dispose(),
    onLive(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What went wrong with a request, for people: the API's message, or that it could not be reached. */
export function errorText(error: CombinedError | undefined): string | null {
  if (!error) return null;
  return error.graphQLErrors[0]?.message ?? error.networkError?.message ?? error.message;
}

/** The code of a request's first GraphQL error (UNAUTHENTICATED, FORBIDDEN, …). */
export const errorCode = (error: CombinedError | undefined): string | undefined =>
  error?.graphQLErrors[0]?.extensions?.code as string | undefined;

export type { AnyVariables };
