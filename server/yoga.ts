import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createYoga } from 'graphql-yoga';
import { cachedViewerLookup } from '../domain/access/api-tokens.ts';
import { defaultDeliveryPolicy } from '../domain/chat/outbox.ts';
import type { LiveFeed } from '../domain/live/live-event.ts';
import { defaultFollowUpPolicy } from '../domain/surveys/follow-up.ts';
import type { Settings } from '../schema/context.ts';
import { schema } from '../schema/index.ts';
import { createApqStore } from './apq-store.ts';
import { createContext } from './context.ts';
import { type CorsOrigins, useCors } from './cors.ts';
import { maskError } from './errors.ts';
import { limits, useRateLimit } from './limits.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { createPersistedOperations, useCompiledKnownOperations, usePersisted } from './persisted-operations.ts';
import { useReadiness } from './readiness.ts';

export interface AppOptions {
  orm: MikroORM;
  logger: Logger;
  production?: boolean;
  /** Pre-filled in GraphiQL's headers so that the demo works at once; never set in production. */
  graphiqlToken?: string | null;
  settings?: Settings;
  /** Requests per minute per token; 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Prometheus metrics served at /metrics. */
  metrics?: Metrics;
  /** The in-memory secret the bots in this process authenticate with (no database token). */
  internalBotSecret?: string;
  /** How long a token lookup is reused; a revoked token works for at most this long. */
  tokenCacheMs?: number;
  /** Refuse GraphQL documents that are not persisted operations (the persisted-operations plugin). */
  persistedOperationsOnly?: boolean;
  /** A frontend's persisted operations by id (PERSISTED_OPERATIONS_FILE). */
  operationManifest?: ReadonlyMap<string, string>;
  /** Documents kept for automatic persisted queries (APQ_STORE_MAX); 0 registers none. */
  apqStoreMax?: number;
  /** Yoga's LRU of parsed and validated documents; off only to measure what it buys (npm run bench). */
  documentCache?: boolean;
  /** graphql-jit for the known operations; off only to measure what it buys (npm run bench). */
  compileKnownOperations?: boolean;
  /** True while the process shuts down: /readyz then answers 503 so that no new work comes. */
  draining?: () => boolean;
  /** Browser origins allowed to call the API (CORS_ORIGINS); none by default. */
  corsOrigins?: CorsOrigins;
  /** Committed changes, for subscriptions; without it subscriptions answer SERVICE_UNAVAILABLE. */
  live?: LiveFeed;
}

export const defaultSettings: Settings = {
  surveyCooldownDays: 7,
  followUp: defaultFollowUpPolicy,
  delivery: defaultDeliveryPolicy,
};

export function createApp({
  orm,
  logger,
  production = false,
  graphiqlToken,
  settings = defaultSettings,
  rateLimitPerMinute = 0,
  metrics,
  internalBotSecret,
  tokenCacheMs = 10_000,
  persistedOperationsOnly = false,
  operationManifest,
  apqStoreMax = 10_000,
  documentCache = true,
  compileKnownOperations = true,
  draining = () => false,
  corsOrigins = [],
  live,
}: AppOptions) {
  const lookup = cachedViewerLookup(tokenCacheMs);
  const appSettings: Settings = metrics ? { ...settings, onDelivered: metrics.observeDelivery } : settings;
  const persisted = createPersistedOperations({
    only: persistedOperationsOnly,
    manifest: operationManifest,
    store: apqStoreMax > 0 ? createApqStore(orm, { max: apqStoreMax }) : undefined,
  });
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // The bundled GraphiQL works offline; Yoga's default page loads GraphiQL from a CDN.
    renderGraphiQL,
    context: ({ request }) => createContext(orm, appSettings, request, { internalBotSecret, lookup, live }),
    // Our own CORS (useCors): Yoga's default reflects every origin.
    cors: false,
    healthCheckEndpoint: '/healthz',
    parserAndValidationCache: documentCache,
    // The HTTP door (createHttpServer) refuses bodies over the limit and bodies without a Content-Length before
    // anything reads them, so a body cannot outgrow its checked length; Yoga's own limit would pipe
    // every body through a counting stream again, whose teardown builds a DOMException per request
    // (a large share of a trivial request's CPU; BENCHMARKS.md).
    maxRequestBodySize: false,
    maskedErrors: {
      maskError: (error, message) =>
        maskError(error, message, { isDev: !production, log: (event, text) => logger.error(event, text) }),
    },
    graphiql: production
      ? false
      : {
          title: 'loyalty-loop',
          headers: graphiqlToken ? JSON.stringify({ Authorization: `Bearer ${graphiqlToken}` }) : undefined,
          defaultQuery: exampleQuery,
        },
    plugins: [
      useCors(corsOrigins),
      ...(metrics ? [metrics.plugin] : []),
      // Ready when not shutting down and the database answers (the pool connects on first use, so no
      // isConnected()). A chat websocket that is down does not make the API unfit for its HTTP
      // traffic: it shows in loyalty_bot_up.
      useReadiness('/readyz', async () => {
        if (draining()) return false;
        try {
          return (await orm.em.getConnection().execute('select 1')).length === 1;
        } catch (error) {
          logger.warn({ err: error }, 'not ready: the database does not answer');
          return false;
        }
      }),
      // The bots in this process are not clients to be throttled: their work is the product's own.
      useRateLimit(rateLimitPerMinute, { exempt: internalBotSecret ? `Bearer ${internalBotSecret}` : undefined }),
      usePersisted(persisted),
      ...(compileKnownOperations
        ? [
            useCompiledKnownOperations(persisted, (message) =>
              logger.error({ message }, 'graphql-jit could not compile'),
            ),
          ]
        : []),
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      EnvelopArmorPlugin({
        maxDepth: { n: limits.maxDepth },
        costLimit: { maxCost: limits.maxCost },
        maxAliases: { n: limits.maxAliases },
        maxTokens: { n: limits.maxTokens },
        maxDirectives: { n: limits.maxDirectives },
        blockFieldSuggestion: { enabled: production },
      }),
      ...(production ? [useDisableIntrospection()] : []),
    ],
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
    // GraphQL over HTTP's persisted documents (Relay): settled by usePersisted.
    extraParamNames: ['documentId'],
  });
  // The WebSocket transport settles its documents with the same lists and store.
  return Object.assign(yoga, { persisted });
}

export type App = ReturnType<typeof createApp>;

const exampleQuery = `# The first 10 customers with their latest feedback and open tickets.
query FirstCustomers {
  customers(first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      name
      team { name }
      figures { latestNps npsCategory purchaseCount totalSpend { amountMinor currency } }
      latestFeedback { nps csat comment submittedAt channel }
      tickets(first: 3, statuses: [OPEN, ACKNOWLEDGED]) { nodes { id status ackDueAt } }
    }
  }
}
`;
