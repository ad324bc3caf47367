// The API as server/main.ts builds it (metrics, rate limit off, no bots), with one thing changed
// per VARIANT, so that the benchmark can show what each measure buys (or costs).
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../db/mikro-orm.config.ts';
import { createHttpServer } from '../server/http-server.ts';
import { createLogger } from '../server/logger.ts';
import { createMetrics } from '../server/metrics.ts';
import { createApp, defaultSettings } from '../server/yoga.ts';

export const variants = {
  shipped: 'as shipped',
  'no-document-cache': "Yoga's parse/validate cache off",
  'no-graphql-jit': 'known operations on the standard executor (no graphql-jit)',
  'no-look-ahead': 'the list through entities and dataloaders (no one-statement look-ahead)',
  'orm-propagation': "MikroORM's default propagationOnPrototype (accessors on every loaded entity)",
  'no-metrics': 'without the GraphQL metrics (useGraphQLMetrics)',
  'pool-2': 'DATABASE_POOL_MAX=2',
  'pool-30': 'DATABASE_POOL_MAX=30',
  'values-in-text': "the list's statement with its values written into the text (MikroORM's execute), not prepared",
} as const;

export type Variant = keyof typeof variants;

if (import.meta.main) {
  const variant = (process.env.VARIANT ?? 'shipped') as Variant;
  const poolMax = variant === 'pool-2' ? 2 : variant === 'pool-30' ? 30 : 10;
  const orm = await MikroORM.init({
    ...ormConfig({ databaseUrl: process.env.DATABASE_URL!, poolMax }),
    ...(variant === 'orm-propagation' && { propagationOnPrototype: true }),
  });
  const app = createApp({
    orm,
    logger: createLogger('warn'),
    metrics: variant === 'no-metrics' ? undefined : createMetrics(orm),
    documentCache: variant !== 'no-document-cache',
    compileKnownOperations: variant !== 'no-graphql-jit',
    settings: {
      ...defaultSettings,
      lookAhead: variant !== 'no-look-ahead',
      preparedStatements: variant !== 'values-in-text',
    },
  });
  createHttpServer(app).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
}
