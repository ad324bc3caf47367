import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { CorsOrigins } from './cors.ts';
import { limits } from './limits.ts';
import type { OperationParams } from './persisted-operations.ts';
import type { App } from './yoga.ts';

type Enveloped = ReturnType<App['getEnveloped']>;

/** The token of a graphql-ws connection: `{ authorization: "Bearer …" }` in its connection_init payload. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : null;
}

/**
 * GraphQL over WebSocket (the graphql-ws protocol, subprotocol `graphql-transport-ws`) on the
 * API's own path. Each operation runs through the same Yoga plugins as an HTTP request (token,
 * persisted operations, Armor's limits, error masking). The upgrade carries no cookie the API
 * trusts: a connection is authenticated by the token in its connection_init payload, so a page on
 * another site cannot ride on a user's session (what the CSRF check guards HTTP against); a
 * browser's Origin outside CORS_ORIGINS (other than the API's own, the dashboard's) is refused anyway.
 */
export function attachGraphQLWebSocket(server: Server, app: App, { corsOrigins = [] as CorsOrigins } = {}) {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxBodyBytes });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '/').split('?')[0];
    const origin = request.headers.origin;
    // The API's own pages (the dashboard) are same-origin: their Origin names the host they called.
    const sameOrigin = origin !== undefined && URL.canParse(origin) && new URL(origin).host === request.headers.host;
    const originAllowed = !origin || sameOrigin || corsOrigins.includes('*') || corsOrigins.includes(origin);
    if (path !== '/graphql' || !originAllowed) {
      socket.end(`HTTP/1.1 ${path !== '/graphql' ? '404 Not Found' : '403 Forbidden'}\r\nconnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  // The context Yoga's plugins expect of an HTTP request: the request (its token) and the params.
  const envelopedFor = (authorization: string | null, params: SubscribePayload | null = null) =>
    app.getEnveloped({
      request: new Request('http://localhost/graphql', {
        method: 'POST',
        headers: authorization ? { authorization } : {},
      }),
      params,
    } as never);

  useServer<Record<string, unknown>, { authorization?: string | null }>(
    {
      connectionInitWaitTimeout: 10_000,
      // A connection without a valid token is closed at once (4403), not at its first subscription.
      onConnect: async (ctx) => {
        const authorization = authorizationOf(ctx.connectionParams);
        try {
          await envelopedFor(authorization).contextFactory();
        } catch {
          return false;
        }
        ctx.extra.authorization = authorization;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has registered this operation already: it counts itself.
        if (Object.keys(ctx.subscriptions).length > limits.maxOperationsPerSocket) {
          return [
            new GraphQLError(`At most ${limits.maxOperationsPerSocket} operations at once on one connection.`, {
              extensions: { code: 'LIMIT_EXCEEDED' },
            }),
          ];
        }
        // Enveloped per operation: its context (EntityManager fork, loaders) is the operation's own.
        const { schema, execute, subscribe, contextFactory, parse, validate } = envelopedFor(
          ctx.extra.authorization ?? null,
          payload,
        );
        let document: ReturnType<typeof parse>;
        try {
          const { query, parsed } = await app.persisted.resolve(payload as OperationParams);
          document = parsed ?? parse(query);
          const errors = parsed ? [] : validate(schema, document);
          if (errors.length) return errors;
        } catch (error) {
          return [error as GraphQLError];
        }
        let contextValue: unknown;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          return [error as GraphQLError];
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute, subscribe },
        } satisfies ExecutionArgs;
      },
      execute: (args) => (args.rootValue as { execute: Enveloped['execute'] }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: Enveloped['subscribe'] }).subscribe(args),
    },
    sockets,
  );

  return {
    /** Closes every socket with "going away", so that clients reconnect to another process. */
    async close() {
      for (const client of sockets.clients) client.close(1001, 'server restarting');
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
