import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.ts';

const db = useTestDatabase();

describe('committed migrations', () => {
  it('build exactly the schema the entities describe (run `npm run migration:create` after changing an entity)', async () => {
    const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
