// Baseline 1: the HTTP ceiling of a bare node:http server on this machine.
import { createServer } from 'node:http';

const body = JSON.stringify({ data: { __typename: 'Query' } });
createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
