import type { ObjectRef } from '@pothos/core';
import type { Page } from '../domain/data/pagination.ts';
import { builder } from './builder.ts';

/**
 * A Relay cursor connection over a domain Page, paged forward (`first`, `after`) or backward
 * (`last`, `before`): keyset cursors keep pages stable while rows are added.
 */
const PageInfoRef = builder
  .objectRef<{
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  }>('PageInfo')
  .implement({
    description: 'Where a page sits in its list.',
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage', {
        description: 'Whether more items follow this page (paging backward: whether it was asked for before a cursor).',
      }),
      hasPreviousPage: t.exposeBoolean('hasPreviousPage', {
        description:
          'Whether items precede this page (paging forward: whether it was asked for after a cursor, as Relay specifies).',
      }),
      startCursor: t.exposeString('startCursor', {
        nullable: true,
        description: 'Cursor of the first item: pass it as `before` for the previous page; null when empty.',
      }),
      endCursor: t.exposeString('endCursor', {
        nullable: true,
        description: 'Cursor of the last item: pass it as `after` for the next page; null when empty.',
      }),
    }),
  });

export function connectionType<T>(name: string, node: ObjectRef<any, T>, noun: string) {
  const edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    description: `One ${noun} in a ${name}Connection, with its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description: 'Pass as `after` to continue after this item, or as `before` for the items before it.',
      }),
      node: t.field({ type: node, description: `The ${noun}.`, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    description: `A page of ${noun}s.`,
    fields: (t) => ({
      edges: t.field({
        type: [edge],
        description: 'The items with their cursors.',
        resolve: (page) => page.items.map((item) => ({ cursor: page.cursorFor(item), node: item })),
      }),
      nodes: t.field({
        type: [node],
        description: 'The items alone, when cursors are not needed.',
        resolve: (page) => page.items as never,
      }),
      pageInfo: t.field({
        type: PageInfoRef,
        description: 'Where this page sits: whether more follow, and the cursors at its ends.',
        resolve: (page) => {
          const firstItem = page.items[0];
          const lastItem = page.items[page.items.length - 1];
          return {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage,
            startCursor: firstItem === undefined ? null : page.cursorFor(firstItem),
            endCursor: lastItem === undefined ? null : page.cursorFor(lastItem),
          };
        },
      }),
      totalCount: t.int({
        description: 'How many items match the filter in all pages (a separate count query; ask only when shown).',
        resolve: (page) => page.totalCount(),
      }),
    }),
  });
}

export const pageArgs = builder.args((t) => ({
  first: t.int({ description: 'Page size going forward, 0-100; 20 when neither first nor last is given.' }),
  after: t.string({ description: 'The items after this cursor: the endCursor of the previous page.' }),
  last: t.int({ description: 'Page size going backward, 0-100: the last items (before `before`, or of the list).' }),
  before: t.string({ description: 'The items before this cursor: the startCursor of the next page.' }),
}));
