import type { Logger } from './logger.ts';

/**
 * The last resort: whatever a dependency fails to catch (a chat SDK's reconnect, say) is logged,
 * and the process keeps serving. The bots supervise their own connections; this only keeps one
 * slip from taking every request down with it.
 */
export function keepServingOnUncaught(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: String(reason) }, 'unhandled rejection (kept serving)');
  });
  process.on('uncaughtException', (error) => {
    logger.error({ err: String(error), stack: error.stack }, 'uncaught exception (kept serving)');
  });
}
