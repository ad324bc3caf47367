import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from './errors.ts';

/**
 * Refuses a value that another row already holds in a unique column, before writing, so that the
 * caller gets a ConflictError on the input field at fault instead of the database's unique
 * violation. `selfId` is the row being updated, which may keep its own value.
 */
export async function assertUnused<T extends { id: number }>(
  tx: EntityManager,
  entity: EntityClass<T>,
  field: keyof T & string,
  value: unknown,
  selfId?: number | null,
): Promise<void> {
  if (value == null || value === '') return;
  const other = await tx.findOne(entity, { [field]: value, ...(selfId ? { id: { $ne: selfId } } : {}) } as never);
  if (!other) return;
  const kind = entity.name.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
  throw new ConflictError(`Another ${kind} already has this ${field}.`, `input.${field}`);
}
