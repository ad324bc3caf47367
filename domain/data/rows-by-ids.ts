import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Rows by primary key in one `id = any(...)` statement, in the order of `ids` (null where none). */
export async function rowsByIds<T extends { id: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: readonly number[],
): Promise<(T | null)[]> {
  const rows = await em.find(entity, { id: { $in: [...ids] } } as never);
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}
