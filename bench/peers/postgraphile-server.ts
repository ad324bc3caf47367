// Peer: PostGraphile v5 (amber preset) over the bench database's tables (schema public), as a team
// would put it over them instead of this project: no authorization, no limits, its own defaults.
// GET /statements on STATS_PORT answers how many statements it has sent to PostgreSQL so far.
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements++;
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
createServer((_request, response) => response.end(String(statements))).listen(
  Number(process.env.STATS_PORT),
  '127.0.0.1',
);
