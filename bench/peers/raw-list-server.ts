// Baseline 2: the frontend's main list (50 customers with their latest feedback, open tickets and
// team, and whether there is a next page) from hand-written SQL through `pg`, served by a bare
// node:http handler.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const sql = `
  select c.id, c.created_at, c.name, t.name as team,
         (select row_to_json(f) from (select nps, comment, submitted_at from feedback
            where customer_id = c.id order by submitted_at desc, id desc limit 1) f) as latest_feedback,
         (select coalesce(json_agg(x), '[]') from (select id, status, ack_due_at from ticket
            where customer_id = c.id and status in ('OPEN', 'ACKNOWLEDGED') order by created_at desc, id desc limit 5) x) as tickets
    from customer c join team t on t.id = c.team_id
   order by c.created_at desc, c.id desc
   limit 51`;

createServer(async (_request, response) => {
  const { rows } = await pool.query(sql);
  const nodes = rows.slice(0, 50);
  const last = nodes.at(-1);
  const endCursor = last && Buffer.from(JSON.stringify([last.created_at, last.id])).toString('base64url');
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({ data: { customers: { pageInfo: { hasNextPage: rows.length > 50, endCursor }, nodes } } }),
  );
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
