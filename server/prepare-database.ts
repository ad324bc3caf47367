import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ApiToken, Team } from '../db/entities/index.ts';
import { ormConfig } from '../db/mikro-orm.config.ts';
import { DatabaseSeeder } from '../db/seeders/DatabaseSeeder.ts';
import { demoAdminToken } from '../db/seeders/demo-token.ts';

/**
 * Applies pending migrations and, into an empty database only, the demo data. Several API
 * processes may start at once against one database: a session advisory lock, held on a
 * connection of its own, lets one of them migrate and seed while the others wait. Its own ORM,
 * without the request path's timeouts: a migration may take longer than any request should.
 */
export async function prepareDatabase(databaseUrl: string, options: { seed: boolean }) {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  const orm = await MikroORM.init(ormConfig({ databaseUrl, poolMax: 2 }));
  try {
    await lock.query(`select pg_advisory_lock(hashtext('loyalty-loop:prepare-database'))`);
    const applied = await orm.migrator.up();
    const em = orm.em.fork();
    let seeded = false;
    if (options.seed && (await em.count(Team)) === 0) {
      await orm.seeder.seed(DatabaseSeeder);
      seeded = true;
    }
    const demoTokenActive =
      (await em.count(ApiToken, { tokenHash: ApiToken.hash(demoAdminToken), revokedAt: null })) > 0;
    return { migrations: applied.length, seeded, demoToken: demoTokenActive ? demoAdminToken : null };
  } finally {
    await orm.close(true);
    await lock.end(); // ending the session releases the lock
  }
}
