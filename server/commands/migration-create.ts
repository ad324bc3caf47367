// Generates a migration from the difference between the entities and the committed snapshot.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../database.ts';

const db = await openDatabase(loadConfig(), () => {});
try {
  const result = await db.orm.migrator.create(undefined, false, false, process.argv[2]);
  console.log(result.fileName ? `created ${result.fileName}` : 'no changes: the entities match the snapshot');
} finally {
  await db.close();
}
