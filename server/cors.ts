import type { Plugin } from 'graphql-yoga';

/** Which browser origins may call the API (CORS_ORIGINS); `*` allows every origin. */
export type CorsOrigins = readonly string[];

/** Headers a browser app sends: the token, the body's type, Yoga's CSRF header, and what clients add. */
const allowedHeaders = [
  'authorization',
  'content-type',
  'accept',
  'x-graphql-yoga-csrf',
  'x-client-channel',
  'apollographql-client-name',
  'apollographql-client-version',
];
/** Headers a browser app may read: when to retry after a 429 or a 503. */
const exposedHeaders = ['retry-after'];
/** How long a browser may reuse a preflight's answer (seconds). */
const preflightMaxAgeSeconds = 600;

/**
 * The CORS headers of an answer to `origin`: none when the request is not cross-origin or the
 * origin is not allowed (the browser then keeps the answer from the page). Tokens travel in the
 * Authorization header, never in cookies, so credentials are never allowed.
 */
export function corsHeaders(origin: string | null, allowed: CorsOrigins, preflight = false): Record<string, string> {
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return {};
  const headers: Record<string, string> = {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': exposedHeaders.join(', '),
    vary: 'Origin',
  };
  if (preflight) {
    headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
    headers['access-control-allow-headers'] = allowedHeaders.join(', ');
    headers['access-control-max-age'] = String(preflightMaxAgeSeconds);
  }
  return headers;
}

/**
 * CORS for every answer Yoga gives, refusals included (401, 429, 503), so that a browser app can
 * read why it was refused. A preflight is answered here, before the rate limit counts it.
 */
export function useCors(allowed: CorsOrigins): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      endResponse(
        new Response(null, {
          status: 204,
          headers: { 'content-length': '0', ...corsHeaders(request.headers.get('origin'), allowed, true) },
        }),
      );
    },
    onResponse({ request, response }) {
      for (const [name, value] of Object.entries(corsHeaders(request.headers.get('origin'), allowed))) {
        response.headers.set(name, value);
      }
    },
  };
}
