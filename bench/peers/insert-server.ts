// Peer for ingest: what a hand-written endpoint does per answer: one INSERT … ON CONFLICT DO
// NOTHING per request (the idempotency key makes a retry harmless), through `pg`, on node:http.
// The database's triggers (latest NPS, rollups, live events) run as for every insert; no ticket is
// opened for a low score, which the API does in the same transaction.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    const { customerId, nps, comment, idempotencyKey } = JSON.parse(Buffer.concat(chunks).toString());
    await pool.query(
      `insert into feedback (customer_id, nps, comment, channel, submitted_at, idempotency_key, created_at)
       values ($1, $2, $3, 'WEB', now(), $4, now()) on conflict (idempotency_key) do nothing`,
      [customerId, nps, comment ?? null, idempotencyKey],
    );
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"stored":true}');
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
