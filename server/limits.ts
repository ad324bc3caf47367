import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** The limits on what one request may ask for; SECURITY.md lists the same values. */
export const limits = {
  maxDepth: 12,
  // Armor weighs depth exponentially: the frontend's main list (50 customers with tickets and their
  // history) costs about 67,500; this allows about twice that.
  maxCost: 150_000,
  maxAliases: 15,
  maxTokens: 3_000,
  maxDirectives: 20,
  /** Bytes of a request body (the GraphQL document and its variables). */
  maxBodyBytes: 100 * 1024,
  /** Operations running at once on one WebSocket connection. */
  maxOperationsPerSocket: 50,
};

/**
 * Requests per minute per API token (per IP address without one), counted per process in a fixed
 * one-minute window. Over it: 429 with Retry-After. Several API processes each count alone, so the
 * effective limit is per process (SECURITY.md says why, and what to put in front instead). The
 * `exempt` Authorization header (the in-process bots') is never counted.
 */
export function useRateLimit(
  perMinute: number,
  { now = Date.now, exempt }: { now?: () => number; exempt?: string } = {},
): Plugin {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    onRequest({ request, endResponse, serverContext }) {
      if (perMinute <= 0) return;
      const auth = request.headers.get('authorization');
      if (exempt && auth === exempt) return;
      const ip = (serverContext as { req?: { socket?: { remoteAddress?: string } } })?.req?.socket?.remoteAddress;
      const key = auth ? createHash('sha256').update(auth).digest('hex') : `ip:${ip ?? 'unknown'}`;
      const current = now();
      let window = windows.get(key);
      if (!window || current - window.start >= 60_000) {
        window = { start: current, count: 0 };
        windows.set(key, window);
        if (windows.size > 100_000) windows.clear();
      }
      window.count++;
      if (window.count > perMinute) {
        const retryAfter = Math.max(1, Math.ceil((window.start + 60_000 - current) / 1000));
        endResponse(
          Response.json(
            {
              errors: [
                {
                  message: `Too many requests: at most ${perMinute} a minute per token.`,
                  extensions: { code: 'RATE_LIMITED' },
                },
              ],
            },
            { status: 429, headers: { 'retry-after': String(retryAfter) } },
          ),
        );
      }
    },
  };
}
