import pino from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options = {
    level,
    base: { service: 'loyalty-loop' },
    // Tokens must never reach the logs, whatever logs a request.
    redact: ['req.headers.authorization', '*.authorization', '*.token', '*.secret'],
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;
