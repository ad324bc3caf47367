import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ApiToken, Team } from '../db/entities/index.ts';
import { DatabaseSeeder } from '../db/seeders/DatabaseSeeder.ts';
import { demoAdminToken } from '../db/seeders/demo-token.ts';

/**
 * Applies pending migrations and, into an empty database only, the demo data. Several API
 * processes may start at once against one database: a session advisory lock, held on a
 * connection of its own, lets one of them migrate and seed while the others wait.
 */
export async function prepareDatabase(orm: MikroORM, options: { seed: boolean }) {
  const lock = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await lock.connect();
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
    await lock.end(); // ending the session releases the lock
  }
}
