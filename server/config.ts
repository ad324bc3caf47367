import { z } from 'zod';
import { defaultBatchLanes } from '../domain/feedback/feedback-batch.ts';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  FEEDBACK_BATCH_LANES: z.coerce.number().int().min(1).max(32).default(defaultBatchLanes),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  SURVEY_COOLDOWN_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  FOLLOW_UP_DELAY_HOURS: z.coerce.number().int().min(0).max(2160).default(72),
  WIN_BACK_RISK_THRESHOLD: z.coerce.number().int().min(1).max(100).default(60),
  WIN_BACK_COOLDOWN_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  CHURN_CHECK_MINUTES: z.coerce.number().int().min(0).max(10_080).default(15),
  REMINDER_LEAD_MINUTES: z.coerce.number().int().min(0).max(10_080).default(240),
  REMINDER_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3_600).default(5),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  DB_REPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DB_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  CHAT_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1_000).default(10),
  CHAT_CONNECTION_LEASE_SECONDS: z.coerce.number().int().min(5).max(300).default(30),
  CHAT_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_MODE: z.enum(['socket', 'http']).optional(),
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  DISCORD_BOT_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_PUBLIC_KEY: optionalString,
  DISCORD_MODE: z.enum(['gateway', 'http']).default('gateway'),
  DISCORD_API_URL: optionalString.pipe(z.url().optional()),
  DELIVERY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  LOYALTY_API_URL: optionalString.pipe(z.url().optional()),
  LOYALTY_API_TOKEN: optionalString,
  PERSISTED_OPERATIONS_ONLY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'each origin is * or scheme://host[:port], without a path'),
      ),
    ),
  PERSISTED_OPERATIONS_FILE: optionalString,
  APQ_STORE_MAX: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema>;

/** Parses the environment once; a bad value stops the process with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
