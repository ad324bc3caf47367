import type { EntityClass, EntityData, EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ValidationError } from '../shared/errors.ts';
import { listTag, type Page, type PageArgs, pageRequest, unwrapCursor, wrapCursor } from './pagination.ts';
import { pgArray } from './pg-array.ts';

/** How to page the children of many parents at once, newest first. */
export interface ChildPageSpec<T> {
  entity: EntityClass<T>;
  /** Many-to-one property on the child that points at the parent. */
  parent: keyof T & string;
  /** Date property the children are ordered by (descending, then id descending). */
  orderBy: keyof T & string;
  /** Optional scalar property the caller may filter on with a list of values. */
  filterBy?: keyof T & string;
}

export interface ChildPageKey extends PageArgs {
  parentId: number;
  filter?: readonly string[] | null;
}

type Row = Record<string, unknown>;

/** The quoted column of a property of `meta`. */
export function columnOf(meta: EntityMetadata, property: string): string {
  const fieldName = meta.properties[property as keyof typeof meta.properties]?.fieldNames[0];
  if (!fieldName) throw new Error(`${meta.className}.${property} has no column`);
  return `"${fieldName}"`;
}

/**
 * One parent's page of children as SQL: `select <columns> from <table> t where ... order by ...
 * limit ?`, newest first, reading only that parent's first+1 rows through the (parent, order)
 * index (first rows without `overfetch`, when whether more follow does not matter). `parent` is
 * the SQL expression of the parent's id; `columns` the select list over `t`.
 */
export function childRowsSql<T>(
  meta: EntityMetadata<T>,
  spec: ChildPageSpec<T>,
  {
    parent,
    columns,
    key,
    overfetch = true,
  }: { parent: string; columns: string; key: Omit<ChildPageKey, 'parentId'>; overfetch?: boolean },
): { sql: string; params: unknown[] } {
  const orderColumn = columnOf(meta, spec.orderBy);
  const request = pageRequest(key);
  const conditions = [`t.${columnOf(meta, spec.parent)} = ${parent}`];
  const params: unknown[] = [];
  if (request.cursor) {
    const field = request.backward ? 'before' : 'after';
    const [at, id] = decodeChildCursor(unwrapCursor(childTag(meta, spec), request.cursor, field), field);
    conditions.push(`(t.${orderColumn}, t.id) ${request.backward ? '>' : '<'} (?, ?)`);
    params.push(at, id);
  }
  if (spec.filterBy && key.filter?.length) {
    conditions.push(`t.${columnOf(meta, spec.filterBy)} = any(?::text[])`);
    params.push(pgArray(key.filter));
  }
  params.push(request.size + (overfetch ? 1 : 0));
  // Backward pages read from the oldest end (or up from their cursor); childPage turns them back.
  const direction = request.backward ? 'asc' : 'desc';
  const sql = `select ${columns} from "${meta.tableName}" t where ${conditions.join(' and ')}
    order by t.${orderColumn} ${direction}, t.id ${direction} limit ?`;
  return { sql, params };
}

/**
 * A page of children from the rows read in reading order (childRowsSql: one more than shown when
 * more follow), with its cursors and its count on demand.
 */
export function childPage<T extends { id: number }>(
  em: EntityManager,
  spec: ChildPageSpec<T>,
  key: ChildPageKey,
  read: T[],
): Page<T> {
  const request = pageRequest(key);
  const items = read.slice(0, request.size);
  if (request.backward) items.reverse();
  const more = read.length > request.size;
  return {
    items,
    hasNextPage: request.backward ? request.cursor !== null : more,
    hasPreviousPage: request.backward ? more : request.cursor !== null,
    cursorFor: (item: T) =>
      wrapCursor(
        childTag(em.getMetadata().get(spec.entity), spec),
        encodeChildCursor(item[spec.orderBy] as Date, item.id),
      ),
    totalCount: async () => {
      const where: Record<string, unknown> = { [spec.parent]: key.parentId };
      if (spec.filterBy && key.filter?.length) where[spec.filterBy] = { $in: key.filter };
      return em.count(spec.entity, where as never);
    },
  };
}

/** The loaders' cache key of a child page: parents asked for with the same key share a statement. */
export function childPageKey(key: ChildPageKey): string {
  return `${key.parentId}|${groupKey(key)}`;
}

/**
 * A DataLoader that answers "page N of each parent's children" for every parent asked for in one
 * tick with one SQL statement per distinct (first, after, filter), so the statement count does not
 * depend on how many parents a GraphQL page shows.
 */
export function childPageLoader<T extends { id: number }>(em: EntityManager, spec: ChildPageSpec<T>) {
  const meta = em.getMetadata().get(spec.entity);
  const parentColumn = columnOf(meta, spec.parent).slice(1, -1);
  // Pages are read, never changed: their entities are hydrated by MikroORM (types converted,
  // references through the identity map) but not registered with the unit of work, which is most
  // of the cost per row. Nothing may persist them.
  const readOnlyEntity = (row: Row) =>
    em.getEntityFactory().create(spec.entity, em.getDriver().mapResult(row as EntityData<T>, meta) as EntityData<T>, {
      merge: false,
      convertCustomTypes: true,
    }) as T;

  async function loadGroup(keys: ChildPageKey[]): Promise<Page<T>[]> {
    const page = childRowsSql(meta, spec, { parent: 'parent.id', columns: 't.*', key: keys[0] as ChildPageKey });
    const sql = `select page.* from unnest(?::int[]) as parent(id) cross join lateral (${page.sql}) page`;
    const params = [pgArray(keys.map((key) => key.parentId)), ...page.params];
    const rows = await em.getConnection().execute<Row[]>(sql, params, 'all', em.getTransactionContext());
    const byParent = new Map<number, Row[]>();
    for (const row of rows) {
      const parentId = Number(row[parentColumn]);
      const list = byParent.get(parentId) ?? [];
      list.push(row);
      byParent.set(parentId, list);
    }
    const { size } = pageRequest(keys[0] as ChildPageKey);
    return keys.map((key) => {
      const all = byParent.get(key.parentId) ?? [];
      // The extra row only says there is another page: it stays a row, not an entity.
      return childPage(em, spec, key, [...all.slice(0, size).map(readOnlyEntity), ...all.slice(size)] as T[]);
    });
  }

  return new DataLoader<ChildPageKey, Page<T>, string>(
    async (keys) => {
      const groups = new Map<string, { index: number; key: ChildPageKey }[]>();
      keys.forEach((key, index) => {
        const group = groupKey(key);
        groups.set(group, [...(groups.get(group) ?? []), { index, key }]);
      });
      const results: Page<T>[] = new Array(keys.length);
      await Promise.all(
        [...groups.values()].map(async (members) => {
          const pages = await loadGroup(members.map((member) => member.key));
          members.forEach((member, i) => {
            results[member.index] = pages[i] as Page<T>;
          });
        }),
      );
      return results;
    },
    { cacheKeyFn: childPageKey },
  );
}

/** The tag of a parent's children list: newest first by the order property. */
function childTag<T>(meta: EntityMetadata<T>, spec: ChildPageSpec<T>): string {
  return listTag(`${meta.className}.${spec.parent}`, { [spec.orderBy]: 'desc' });
}

// Cursors are base64url and filter values enum names, so neither holds "|" or ",".
function groupKey(key: ChildPageKey): string {
  return `${key.first ?? ''}|${key.after ?? ''}|${key.last ?? ''}|${key.before ?? ''}|${key.filter ? `[${key.filter.join(',')}]` : ''}`;
}

function encodeChildCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decodeChildCursor(cursor: string, field: 'after' | 'before'): [Date, number] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const date = new Date(at);
    if (Number.isInteger(id) && !Number.isNaN(date.getTime())) return [date, id];
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError(`${field}: not a cursor from this list; use a cursor it returned`, field);
}
