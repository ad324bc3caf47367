import { Cursor, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '../shared/errors.ts';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  cursorFor(item: T): string;
  /** Counted only when asked for: a count is a second query over the whole filter. */
  totalCount(): Promise<number>;
}

/** A page with nothing on it, for lists the caller may not see. */
export function emptyPage<T>(): Page<T> {
  return { items: [], hasNextPage: false, cursorFor: () => '', totalCount: async () => 0 };
}

export const defaultPageSize = 20;
export const maxPageSize = 100;

/** Whether `first` is a page size a list takes (left out: the default). */
export function isPageSize(first: number | null | undefined): boolean {
  const size = first ?? defaultPageSize;
  return Number.isInteger(size) && size >= 1 && size <= maxPageSize;
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? defaultPageSize;
  if (!isPageSize(size)) {
    throw new ValidationError(`first: must be between 1 and ${maxPageSize}`, 'first');
  }
  return size;
}

/** One forward page (keyset pagination on the order fields plus id, so pages never skip or repeat). */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>,
  args: PageArgs,
): Promise<Page<T>> {
  const first = pageSize(args.first);
  const order = keysetOrder(orderBy);
  if (args.after) assertCursorShape(args.after, Object.keys(order).length);
  const cursor = await em.findByCursor(entity, {
    where: where as never,
    orderBy: order,
    first,
    after: args.after ?? undefined,
    includeCount: false,
  });
  return {
    items: [...cursor.items] as T[],
    hasNextPage: cursor.hasNextPage,
    cursorFor: (item) => cursor.from(item as never),
    totalCount: () => em.count(entity, where as never),
  };
}

/** The order plus the id in the same direction, so that no two rows tie and pages never skip or repeat. */
export function keysetOrder<T>(orderBy: QueryOrderMap<T>): QueryOrderMap<T> {
  return { ...orderBy, id: Object.values(orderBy)[0] ?? 'asc' } as QueryOrderMap<T>;
}

/**
 * The rows after a cursor of a two-key keyset order (a column, then the id, the same direction),
 * as MikroORM's findByCursor reads its own cursors; for queries built without em.find.
 */
export function keysetAfter<T>(order: QueryOrderMap<T>, after: string): FilterQuery<T> {
  const [key, direction] = Object.entries(order)[0] as [string, string];
  const [value, id] = Cursor.decode(after) as [unknown, number];
  const beyond = String(direction).toLowerCase().startsWith('desc') ? '$lt' : '$gt';
  return { $or: [{ [key]: { [beyond]: value } }, { [key]: value, id: { [beyond]: id } }] } as FilterQuery<T>;
}

/** Refuses an `after` that is not a cursor of this order (VALIDATION_FAILED on `after`). */
export function assertCursorShape(after: string, parts: number): void {
  let decoded: unknown;
  try {
    decoded = Cursor.decode(after);
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== parts) {
    throw new ValidationError('after: not a cursor from this list; use an endCursor it returned', 'after');
  }
}
