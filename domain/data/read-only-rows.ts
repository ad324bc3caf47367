import { type EntityClass, type EntityData, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** An object the caller already holds for a relation of a row (say, its parent), by property. */
export type Known = Record<string, object | undefined>;

const dollar = '$'.charCodeAt(0);

/**
 * Makes entities of rows for reading only, without MikroORM's entity factory and identity map,
 * which cost more per row than its SQL does: columns
 * converted by the driver's mapResult, on an object of the entity's class (GraphQL's isTypeOf).
 * A relation is the object the caller knows for it (`known`) or a stub of the target's class that
 * holds only its id, which is all the resolvers read before they ask a loader for the rest.
 * Columns named with a leading `$` are the caller's own (say, JSON of related rows) and left out.
 * These objects are in no unit of work and may hold only some columns: only the selection that
 * asked for those columns reads them, and nothing may persist them or pass them to the ORM.
 */
export function readOnlyRows<T extends object>(em: EntityManager, entity: EntityClass<T>) {
  const meta = em.getMetadata().get(entity);
  const relations = new Map(
    meta.relations
      .filter(
        (prop) => prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner),
      )
      .map((prop) => [prop.name as string, prop.targetMeta!]),
  );
  const driver = em.getDriver();
  return (row: Record<string, unknown>, known: Known = {}): T => {
    const data = driver.mapResult(row as EntityData<T>, meta) as Record<string, unknown>;
    const made = Object.create(entity.prototype) as Record<string, unknown>;
    for (const key in data) {
      if (key.charCodeAt(0) === dollar) continue;
      const value = data[key];
      const target = relations.get(key);
      if (!target || value == null) made[key] = value;
      else
        made[key] =
          known[key] ?? Object.assign(Object.create(target.class.prototype), { [target.primaryKeys[0]!]: value });
    }
    return made as T;
  };
}
