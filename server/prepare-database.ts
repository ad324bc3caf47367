import type { MikroORM } from '@mikro-orm/postgresql';
import { ApiToken, Team } from '../db/entities/index.ts';
import { DatabaseSeeder } from '../db/seeders/DatabaseSeeder.ts';
import { demoAdminToken } from '../db/seeders/demo-token.ts';

/** Applies pending migrations and, into an empty database only, the demo data. */
export async function prepareDatabase(orm: MikroORM, options: { seed: boolean }) {
  const applied = await orm.migrator.up();
  const em = orm.em.fork();
  let seeded = false;
  if (options.seed && (await em.count(Team)) === 0) {
    await orm.seeder.seed(DatabaseSeeder);
    seeded = true;
  }
  const demoTokenActive = (await em.count(ApiToken, { tokenHash: ApiToken.hash(demoAdminToken), revokedAt: null })) > 0;
  return { migrations: applied.length, seeded, demoToken: demoTokenActive ? demoAdminToken : null };
}
