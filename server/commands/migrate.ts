// Applies pending migrations to DATABASE_URL (or the embedded database).
import { loadConfig } from '../config.ts';
import { openDatabase } from '../database.ts';

const db = await openDatabase(loadConfig(), () => {});
try {
  const applied = await db.orm.migrator.up();
  console.log(`applied ${applied.length} migration(s)`);
} finally {
  await db.close();
}
