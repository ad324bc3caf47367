import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { limits } from './limits.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

function refuse(response: ServerResponse, status: number, message: string) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }],
    }),
  );
}

/**
 * The HTTP front door: refuses bodies over the size limit before anything reads them (413), and
 * streamed bodies of unknown size (411), then hands bot paths to the bots and the rest to Yoga.
 */
export function createHttpServer(
  api: Handler,
  routes: Record<string, Handler> = {},
  maxBodyBytes = limits.maxBodyBytes,
) {
  return createServer((request, response) => {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
    const length = request.headers['content-length'];
    if (hasBody && length === undefined && request.headers['transfer-encoding']) {
      return refuse(response, 411, 'Send a Content-Length header.');
    }
    if (length !== undefined && Number(length) > maxBodyBytes) {
      return refuse(response, 413, `The request body is over ${maxBodyBytes} bytes.`);
    }
    const route = routes[(request.url ?? '/').split('?')[0] ?? '/'];
    return void (route ?? api)(request, response);
  });
}
