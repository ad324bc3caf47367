// Peer: PostGraphile v5 (amber preset) over the bench database's tables (schema public), as a team
// would put it over them instead of this project: no authorization, no limits, its own defaults.
// On STATS_PORT: GET / answers how many statements it has sent to PostgreSQL so far, GET /last the
// text and values of the last long one (the main list's, for the bench's EXPLAIN).
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

let statements = 0;
let last: { text: string; values: unknown[] } | null = null;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements++;
  const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
  const text = typeof config === 'string' ? config : config?.text;
  if (text && text.length > 300) last = { text, values: (typeof config === 'string' ? values : config.values) ?? [] };
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: { max: 10 },
    } as never),
  ],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
});
const server = createServer();
pgl.createServ(grafserv).addTo(server);
// The schema is built on first use: build it before saying ready, so no load waits for it.
await pgl.getSchemaResult();
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
createServer((request, response) =>
  response.end(request.url === '/last' ? JSON.stringify(last) : String(statements)),
).listen(Number(process.env.STATS_PORT), '127.0.0.1');
