// Seeds the demo data into an empty database (migrating first).
import { loadConfig } from '../config.ts';
import { openDatabase } from '../database.ts';
import { prepareDatabase } from '../prepare-database.ts';

const db = await openDatabase(loadConfig(), () => {});
try {
  const result = await prepareDatabase(db.url, { seed: true });
  console.log(result.seeded ? 'demo data seeded' : 'the database already has teams; nothing seeded');
} finally {
  await db.close();
}
