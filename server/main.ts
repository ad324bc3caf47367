import { randomBytes } from 'node:crypto';
import { createGraphQLClient } from '../bots/graphql-client.ts';
import { startBots } from './bots.ts';
import { startChurnCheck } from './churn-check.ts';
import { loadConfig } from './config.ts';
import { dashboardRoutes } from './dashboard.ts';
import { openDatabase } from './database.ts';
import { attachGraphQLWebSocket } from './graphql-ws.ts';
import { createHttpServer } from './http-server.ts';
import { keepServingOnUncaught } from './last-resort.ts';
import { startLiveListener } from './live-listener.ts';
import { createLogger } from './logger.ts';
import { startMaintenance } from './maintenance.ts';
import { createMetrics } from './metrics.ts';
import { loadOperationManifest } from './operation-manifest.ts';
import { prepareDatabase } from './prepare-database.ts';
import { startReminderSweep } from './reminder-sweep.ts';
import { createApp } from './yoga.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const production = config.NODE_ENV === 'production';

keepServingOnUncaught(logger);

const db = await openDatabase(config, (message) => logger.debug({ component: 'embedded-postgres' }, message), {
  serving: true,
});
const prepared = await prepareDatabase(db.url, { seed: config.SEED_DEMO_DATA && !production });
const internalBotSecret = `internal_${randomBytes(32).toString('base64url')}`;
const metrics = createMetrics(db.orm);
let stopping = false;
const live = startLiveListener(db.url, logger);
const app = createApp({
  live,
  corsOrigins: config.CORS_ORIGINS,
  orm: db.orm,
  metrics,
  internalBotSecret,
  logger,
  production,
  graphiqlToken: production ? null : prepared.demoToken,
  rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  persistedOperationsOnly: config.PERSISTED_OPERATIONS_ONLY,
  operationManifest: config.PERSISTED_OPERATIONS_FILE
    ? loadOperationManifest(config.PERSISTED_OPERATIONS_FILE)
    : undefined,
  apqStoreMax: config.APQ_STORE_MAX,
  draining: () => stopping,
  settings: {
    surveyCooldownDays: config.SURVEY_COOLDOWN_DAYS,
    feedbackBatchLanes: config.FEEDBACK_BATCH_LANES,
    reportTimeoutMs: config.DB_REPORT_TIMEOUT_MS,
    followUp: { delayHours: config.FOLLOW_UP_DELAY_HOURS, cooldownDays: config.SURVEY_COOLDOWN_DAYS },
    delivery: { leaseSeconds: config.DELIVERY_LEASE_SECONDS, maxAttempts: config.CHAT_DELIVERY_MAX_ATTEMPTS },
  },
});

// The bots in this process reach the API through Yoga's fetch: no socket, the same checks as any
// client, with a BOT identity that lives only in this process's memory.
const api = createGraphQLClient({
  url: 'http://localhost/graphql',
  token: internalBotSecret,
  fetch: (url, init) => app.fetch(url, init),
});
const bots = await startBots(config, api, logger, metrics.setBotUp);

const churnCheck = startChurnCheck(db.orm, {
  everyMinutes: config.CHURN_CHECK_MINUTES,
  policy: { riskThreshold: config.WIN_BACK_RISK_THRESHOLD, cooldownDays: config.WIN_BACK_COOLDOWN_DAYS },
  logger,
});

const reminderSweep = startReminderSweep(db.orm, {
  everySeconds: config.REMINDER_SWEEP_SECONDS,
  reminderLeadMinutes: config.REMINDER_LEAD_MINUTES,
  logger,
});

const maintenance = startMaintenance(db.orm, logger);

const server = createHttpServer(
  app,
  { ...dashboardRoutes({ demoToken: production ? null : prepared.demoToken }), ...bots.routes },
  {
    bounds: {
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: config.HTTP_MAX_CONNECTIONS,
    },
    draining: () => stopping,
    corsOrigins: config.CORS_ORIGINS,
  },
);
const webSockets = attachGraphQLWebSocket(server, app, { corsOrigins: config.CORS_ORIGINS });
// A port in use stops the start: the last-resort handler would otherwise keep a process that serves nothing.
await new Promise<void>((resolve) => {
  server.once('error', (error) => {
    logger.fatal({ err: String(error) }, 'cannot listen');
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, resolve);
});

const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const lines = [
  `loyalty-loop is running (Node ${process.version})`,
  `  Dashboard: http://localhost:${port}/`,
  `  GraphQL API + GraphiQL: http://localhost:${port}/graphql (subscriptions: SSE, and WebSocket on ws://localhost:${port}/graphql)`,
  `  Database: ${db.embedded ? `embedded PostgreSQL in ${config.EMBEDDED_PG_DIR} (port ${config.EMBEDDED_PG_PORT})` : 'DATABASE_URL'}` +
    ` — ${prepared.migrations} migration(s) applied${prepared.seeded ? ', demo data seeded' : ''}`,
  prepared.demoToken
    ? `  Demo API token: ${prepared.demoToken}   (curl -H 'Authorization: Bearer ${prepared.demoToken}' ...; pre-filled in GraphiQL)`
    : '  API tokens: create one with `npm run token -- create --name NAME --role ADMIN`',
  ...bots.status.map((line) => `  ${line}`),
  '  Stop with Ctrl-C.',
];
console.log(lines.join('\n'));
logger.info({ port, embeddedDatabase: db.embedded }, 'started');

/**
 * A graceful stop (SIGTERM from an orchestrator, Ctrl-C): /readyz answers 503 at once and new
 * connections are refused, so a load balancer sends the next requests elsewhere; requests in
 * flight (and the feedback batches they wait for) finish, for up to SHUTDOWN_TIMEOUT_MS, each
 * answer closing its connection; the bots hand their websocket leases on; then exit 0.
 */
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping: draining requests');
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Subscriptions end (SSE streams close, sockets go away) so that their clients reconnect to
  // another process; they catch up with `updatedSince`.
  await Promise.all([webSockets.close(), live.stop()]);
  const deadline = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), config.SHUTDOWN_TIMEOUT_MS).unref(),
  );
  const [drain] = await Promise.all([
    Promise.race([drained, deadline]),
    bots.stop(),
    churnCheck.stop(),
    reminderSweep.stop(),
    maintenance.stop(),
  ]);
  if (drain === 'timeout') {
    logger.warn(
      { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      'requests still running at the shutdown timeout; closing them',
    );
    server.closeAllConnections();
  }
  await db.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
