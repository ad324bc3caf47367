import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type CorsOrigins, corsHeaders } from './cors.ts';
import { limits } from './limits.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  message: string,
  cors: CorsOrigins,
) {
  response.writeHead(status, {
    'content-type': 'application/json',
    ...corsHeaders(request.headers.origin ?? null, cors),
  });
  response.end(
    JSON.stringify({
      errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }],
    }),
  );
}

/** How long a client may take and how many may connect: bounds that keep slow clients from piling up. */
export interface HttpBounds {
  /** Time to send the request headers (a half-sent request is answered 408 and closed). */
  headersTimeoutMs: number;
  /** Time to send the whole request. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are refused. */
  maxConnections: number;
}

export const defaultHttpBounds: HttpBounds = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/**
 * The HTTP front door: refuses bodies over the size limit before anything reads them (413), and
 * streamed bodies of unknown size (411), then hands bot paths to the bots and the rest to Yoga.
 * While `draining` (a shutdown), every answer closes its connection, so that clients reconnect to
 * another process instead of reusing this one.
 */
export function createHttpServer(
  api: Handler,
  routes: Record<string, Handler> = {},
  {
    maxBodyBytes = limits.maxBodyBytes,
    bounds = defaultHttpBounds,
    draining = () => false,
    corsOrigins = [],
  }: { maxBodyBytes?: number; bounds?: HttpBounds; draining?: () => boolean; corsOrigins?: CorsOrigins } = {},
) {
  const server = createServer(
    {
      headersTimeout: bounds.headersTimeoutMs,
      requestTimeout: bounds.requestTimeoutMs,
      keepAliveTimeout: bounds.keepAliveTimeoutMs,
      // Node checks those timeouts this often (30 s by default, which would stretch them).
      connectionsCheckingInterval: Math.min(1_000, bounds.headersTimeoutMs),
    },
    (request, response) => {
      if (draining()) response.setHeader('connection', 'close');
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
      const length = request.headers['content-length'];
      if (hasBody && length === undefined && request.headers['transfer-encoding']) {
        return refuse(request, response, 411, 'Send a Content-Length header.', corsOrigins);
      }
      if (length !== undefined && Number(length) > maxBodyBytes) {
        return refuse(request, response, 413, `The request body is over ${maxBodyBytes} bytes.`, corsOrigins);
      }
      const route = routes[(request.url ?? '/').split('?')[0] ?? '/'];
      return void (route ?? api)(request, response);
    },
  );
  server.maxConnections = bounds.maxConnections;
  return server;
}
