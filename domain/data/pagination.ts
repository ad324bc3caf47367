import { Cursor, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '../shared/errors.ts';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  /** Backward: whether more precede; forward: whether the page was asked for after a cursor (Relay's rule). */
  hasPreviousPage: boolean;
  cursorFor(item: T): string;
  /** Counted only when asked for: a count is a second query over the whole filter. */
  totalCount(): Promise<number>;
}

/** A page with nothing on it, for lists the caller may not see. */
export function emptyPage<T>(): Page<T> {
  return { items: [], hasNextPage: false, hasPreviousPage: false, cursorFor: () => '', totalCount: async () => 0 };
}

export const defaultPageSize = 20;
export const maxPageSize = 100;

/** What a page asks for: how many items, which way, from which cursor (exclusive). */
export interface PageRequest {
  size: number;
  backward: boolean;
  cursor: string | null;
}

/** Whether `first` (or `last`) is a page size a list takes (left out: the default). */
export function isPageSize(size: number | null | undefined): boolean {
  const value = size ?? defaultPageSize;
  return Number.isInteger(value) && value >= 0 && value <= maxPageSize;
}

/**
 * The page asked for: forward with `first`/`after` (the default), or backward with
 * `last`/`before` (the items just before the cursor, or the list's end, still in list order).
 */
export function pageRequest(args: PageArgs): PageRequest {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    const field = args.first != null ? 'first' : 'after';
    throw new ValidationError(`${field}: page forward (first, after) or backward (last, before), not both`, field);
  }
  const field = backward ? 'last' : 'first';
  const size = (backward ? args.last : args.first) ?? defaultPageSize;
  if (!isPageSize(size)) {
    throw new ValidationError(`${field}: must be between 0 and ${maxPageSize}`, field, { min: 0, max: maxPageSize });
  }
  return { size, backward, cursor: (backward ? args.before : args.after) ?? null };
}

/** The page size of forward-only arguments (a nested page planned ahead). */
export function pageSize(first: number | null | undefined): number {
  return pageRequest({ first }).size;
}

/**
 * One page (keyset pagination on the order fields plus id, so pages never skip or repeat), either
 * way. `first: 0` asks only whether there are items: at most one row is read, none returned.
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>,
  args: PageArgs,
): Promise<Page<T>> {
  const request = pageRequest(args);
  const order = keysetOrder(orderBy);
  const tag = listTag(em.getMetadata().find(entity)?.className ?? String(entity), order);
  const field = request.backward ? 'before' : 'after';
  const raw = request.cursor ? unwrapCursor(tag, request.cursor, field) : undefined;
  if (raw) assertCursorShape(raw, Object.keys(order).length, field);
  const size = Math.max(request.size, 1);
  const cursor = await em.findByCursor(entity, {
    where: where as never,
    orderBy: order,
    ...(request.backward ? { last: size, before: raw } : { first: size, after: raw }),
    includeCount: false,
  });
  const items = request.size === 0 ? [] : ([...cursor.items] as T[]);
  const none = request.size === 0;
  return {
    items,
    hasNextPage: none && !request.backward ? cursor.items.length > 0 : cursor.hasNextPage,
    hasPreviousPage: none && request.backward ? cursor.items.length > 0 : cursor.hasPrevPage,
    cursorFor: (item) => wrapCursor(tag, cursor.from(item as never)),
    totalCount: () => em.count(entity, where as never),
  };
}

/**
 * Which list and order a cursor belongs to: the entity and the keyset order. A cursor carries it,
 * so that one from another list or sort is refused instead of paging from a wrong place.
 */
export function listTag(entity: string, order: object): string {
  return `${entity}:${JSON.stringify(order)}`;
}

/** A cursor as clients see it: opaque, the list's tag with the keyset values. */
export function wrapCursor(tag: string, raw: string): string {
  return Buffer.from(JSON.stringify([tag, raw])).toString('base64url');
}

/** The keyset values of a client's cursor, if it is one of this list and order (else VALIDATION_FAILED). */
export function unwrapCursor(tag: string, cursor: string, field: 'after' | 'before'): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[1] !== 'string') {
    throw new ValidationError(`${field}: not a cursor; use a cursor this list returned`, field);
  }
  if (decoded[0] !== tag) {
    throw new ValidationError(`${field}: a cursor of another list or sort; use a cursor this list returned`, field);
  }
  return decoded[1];
}

/** The order plus the id in the same direction, so that no two rows tie and pages never skip or repeat. */
export function keysetOrder<T>(orderBy: QueryOrderMap<T>): QueryOrderMap<T> {
  return { ...orderBy, id: Object.values(orderBy)[0] ?? 'asc' } as QueryOrderMap<T>;
}

/** The same order the other way round: a backward page reads it, then turns its rows back. */
export function reversedOrder<T>(order: QueryOrderMap<T>): QueryOrderMap<T> {
  return Object.fromEntries(
    Object.entries(order).map(([key, direction]) => [
      key,
      String(direction).toLowerCase().startsWith('desc') ? 'asc' : 'desc',
    ]),
  ) as QueryOrderMap<T>;
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

/** Refuses a cursor that is not one of this order (VALIDATION_FAILED on `after` or `before`). */
export function assertCursorShape(cursor: string, parts: number, field: 'after' | 'before'): void {
  let decoded: unknown;
  try {
    decoded = Cursor.decode(cursor);
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== parts) {
    throw new ValidationError(`${field}: not a cursor from this list; use a cursor it returned`, field);
  }
}
