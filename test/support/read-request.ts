import type { IncomingMessage } from 'node:http';

/** The whole body of a request to a fake platform API, as text. */
export function readRequest(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
  });
}
