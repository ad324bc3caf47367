import pino from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'loyalty-loop' },
    // Tokens must never reach the logs, whatever logs a request.
    redact: ['req.headers.authorization', '*.authorization', '*.token', '*.secret'],
  });
}

export type Logger = ReturnType<typeof createLogger>;
