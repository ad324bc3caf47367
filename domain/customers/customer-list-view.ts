import { Cursor, type EntityMetadata, type FilterObject, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, Feedback, Team, Ticket } from '../../db/entities/index.ts';
import { customerFeedbackPages, customerTicketPages } from '../../schema/loaders.ts';
import {
  type ChildPageKey,
  type ChildPageSpec,
  childPage,
  childPageKey,
  childRowsSql,
  columnOf,
} from '../data/child-pages.ts';
import {
  assertCursorShape,
  keysetAfter,
  keysetOrder,
  listTag,
  type Page,
  type PageArgs,
  type PageRequest,
  pageRequest,
  pageSize,
  reversedOrder,
  unwrapCursor,
  wrapCursor,
} from '../data/pagination.ts';
import { preparedRows } from '../data/prepared-rows.ts';
import { readOnlyRows } from '../data/read-only-rows.ts';
import { currency, parseInput } from '../shared/validation.ts';
import { type CustomerFilter, type CustomerSort, customerWhere, orderings } from './customer-list.ts';

/** The properties a selection reads of an entity: some by name, or all of its columns. */
export type Columns = ReadonlySet<string> | 'all';

/**
 * What a GraphQL selection under `customers` reads (the schema's customerListPlan): the customers'
 * columns and which of their neighbours to fetch in the same statement.
 */
export interface CustomerListPlan {
  customer: Columns;
  team?: Columns;
  latestFeedback?: Columns;
  tickets?: { columns: Columns; key: Omit<ChildPageKey, 'parentId'> };
}

/** What the statement fetched beside one customer of the list, for that customer's resolvers. */
export interface CustomerPrefetch {
  team?: Team;
  latestFeedback?: Feedback | null;
  /** The page for one set of arguments, by its loader key (childPageLoader). */
  tickets?: { key: string; page: Page<Ticket> };
}

// On the list's own read-only customers, which exist only under the `customers` field that selected
// these columns: nothing else can reach what was fetched for that selection. A symbol property, not
// a WeakMap: V8 keeps a WeakMap's entries until a full collection, so every young collection would
// copy the recent pages again.
const prefetched = Symbol('prefetched');
type ListedCustomer = Customer & { [prefetched]?: CustomerPrefetch };

export function prefetchedFor(customer: Customer): CustomerPrefetch | undefined {
  return (customer as ListedCustomer)[prefetched];
}

type Row = Record<string, unknown>;

/**
 * The customers list as one SQL statement shaped like the selection, as join-monster or
 * PostGraphile build them: the page of customers (the same filter, order and keyset cursors as
 * `listCustomers`) with only the columns the selection reads, and, per customer, its team, latest
 * answer and a page of tickets as JSON built by PostgreSQL. Rows become read-only entities
 * (readOnlyRows), so it spares the entity path's statement per kind of row and MikroORM's factory
 * for every row (BENCHMARKS.md, figure 6, has what that buys).
 */
export async function listCustomersAhead(
  em: EntityManager,
  filter: CustomerFilter,
  sort: CustomerSort,
  args: PageArgs,
  plan: CustomerListPlan,
  /** The currency of the TOTAL_SPEND_DESC sort. */
  spendCurrency = 'EUR',
  { prepared = true } = {},
): Promise<Page<Customer>> {
  const metadata = em.getMetadata();
  const meta = metadata.get(Customer);
  const request = pageRequest(args);
  const field = request.backward ? 'before' : 'after';
  const where = customerWhere(filter);
  const qb = em.createQueryBuilder(Customer, 'c');
  const bySpend = sort === 'TOTAL_SPEND_DESC';
  const spendIn = bySpend ? parseInput(currency, spendCurrency, 'spendCurrency') : spendCurrency;
  const order = keysetOrder<Customer>(bySpend ? { id: 'desc' } : { ...orderings[sort] });
  // A backward page reads the list the other way from its cursor, then turns its rows back.
  const scan = request.backward ? reversedOrder(order) : order;
  // The same tag as the list's other path (listCustomers): their cursors are one another's.
  const tag = bySpend ? listTag(meta.className, { totalSpend: spendIn }) : listTag(meta.className, order);
  const raw = request.cursor ? unwrapCursor(tag, request.cursor, field) : null;
  if (raw) assertCursorShape(raw, bySpend ? 2 : Object.keys(order).length, field);
  qb.select(properties(meta, plan.customer, ['id', ...Object.keys(order), ...(plan.team ? ['team'] : [])]) as never);
  let page: { sql: string; params: readonly unknown[] };
  let orderBy: string;
  if (bySpend) {
    ({ page, orderBy } = spendPage(qb.where(where as FilterObject<Customer>).toQuery(), request, raw, spendIn));
  } else {
    // customerWhere builds an object, never a bare primary key: a filter object as the builder takes.
    qb.where((raw ? { $and: [where, keysetAfter(scan, raw)] } : where) as FilterObject<Customer>);
    qb.orderBy(scan);
    qb.limit(request.size + 1);
    page = qb.toQuery();
    orderBy = Object.entries(scan)
      .map(([property, direction]) => `p.${columnOf(meta, property)} ${direction}`)
      .join(', ');
  }

  const neighbours: string[] = [];
  const params: unknown[] = [];
  let joins = '';
  if (plan.team) {
    // A join, not a subquery per customer: PostgreSQL plans it once for the page.
    const teamMeta = metadata.get(Team);
    neighbours.push(`${jsonObject(teamMeta, 'tm', plan.team, ['id'])} as "$team"`);
    joins = ` left join "${teamMeta.tableName}" tm on tm.id = p.${columnOf(meta, 'team')}`;
  }
  // A child's JSON: the selected columns and the order column (for the page's cursors); the parent
  // is the customer at hand.
  const childJson = (spec: ChildPageSpec<Feedback> | ChildPageSpec<Ticket>, columns: Columns) =>
    jsonObject(metadata.get(spec.entity), 't', columns, [spec.orderBy]);
  if (plan.latestFeedback) {
    // One row or none: the JSON object itself, no aggregate.
    const latest = childRowsSql(metadata.get(Feedback), customerFeedbackPages, {
      parent: 'p.id',
      columns: childJson(customerFeedbackPages, plan.latestFeedback),
      key: { first: 1 },
      overfetch: false,
    });
    params.push(...latest.params);
    neighbours.push(`(${latest.sql}) as "$feedback"`);
  }
  if (plan.tickets) {
    const ticketMeta = metadata.get(Ticket);
    const ticketPage = childRowsSql(ticketMeta, customerTicketPages, {
      parent: 'p.id',
      columns: `${childJson(customerTicketPages, plan.tickets.columns)} as j, t.${columnOf(ticketMeta, customerTicketPages.orderBy)} as o, t.id as i`,
      key: plan.tickets.key,
    });
    params.push(...ticketPage.params);
    neighbours.push(
      `(select coalesce(json_agg(x.j order by x.o desc, x.i desc), '[]') from (${ticketPage.sql}) x) as "$tickets"`,
    );
  }
  const sql = `select p.*${neighbours.map((column) => `, ${column}`).join('')} from (${page.sql}) p${joins} order by ${orderBy}`;
  const rows = await preparedRows(em, sql, [...params, ...page.params], { prepared });

  const customerOf = readOnlyRows(em, Customer);
  const teamOf = readOnlyRows(em, Team);
  const feedbackOf = readOnlyRows(em, customerFeedbackPages.entity);
  const ticketOf = readOnlyRows(em, customerTicketPages.entity);
  const teams = new Map<unknown, Team>();
  const teamColumn = columnOf(meta, 'team').slice(1, -1);
  const ticketsShown = plan.tickets ? pageSize(plan.tickets.key.first) : 0;
  const pageRows = rows.slice(0, request.size);
  if (request.backward) pageRows.reverse();
  const spendOf = new Map<Customer, unknown>();
  const items = pageRows.map((row) => {
    const { $team, $feedback, $tickets } = row;
    const prefetch: CustomerPrefetch = {};
    if (plan.team) {
      const team = $team as Row;
      const teamId = row[teamColumn];
      prefetch.team = teams.get(teamId) ?? teams.set(teamId, teamOf(team)).get(teamId);
    }
    const customer = customerOf(row, { team: prefetch.team });
    if (plan.latestFeedback) prefetch.latestFeedback = $feedback ? feedbackOf($feedback as Row, { customer }) : null;
    if (plan.tickets) {
      const key = { parentId: customer.id, ...plan.tickets.key };
      const all = $tickets as Row[];
      const read = all.slice(0, ticketsShown + 1).map((ticket) => ticketOf(ticket, { customer }));
      prefetch.tickets = { key: childPageKey(key), page: childPage(em, customerTicketPages, key, read) };
    }
    (customer as ListedCustomer)[prefetched] = prefetch;
    if (bySpend) spendOf.set(customer, row.$spend);
    return customer;
  });
  return {
    items,
    hasNextPage: request.backward ? request.cursor !== null : rows.length > request.size,
    hasPreviousPage: request.backward ? rows.length > request.size : request.cursor !== null,
    cursorFor: (customer) =>
      wrapCursor(
        tag,
        bySpend ? Cursor.encode([spendOf.get(customer), customer.id]) : Cursor.for(meta, customer as never, order),
      ),
    totalCount: () => em.count(Customer, where),
  };
}

/**
 * The page of the list by total spend in one currency, highest first, customers without a
 * purchase in it last (-1), then by id: the filtered customers (`base`) joined with their total
 * (customer_spend, kept by the purchase trigger), cut at the cursor, ordered and limited. The
 * total rides along as "$spend" for the cursors.
 */
function spendPage(
  base: { sql: string; params: readonly unknown[] },
  request: PageRequest,
  raw: string | null,
  currency: string,
) {
  const direction = request.backward ? 'asc' : 'desc';
  const spend = 'coalesce(s.total_minor, -1)';
  const cursor = raw ? (Cursor.decode(raw) as [unknown, unknown]) : null;
  const sql = `select b.*, ${spend} as "$spend" from (${base.sql}) b
    left join customer_spend s on s.customer_id = b.id and s.currency = ?
    ${cursor ? `where (${spend}, b.id) ${request.backward ? '>' : '<'} (?::bigint, ?::int)` : ''}
    order by ${spend} ${direction}, b.id ${direction} limit ?`;
  return {
    page: { sql, params: [...base.params, currency, ...(cursor ?? []), request.size + 1] },
    orderBy: `p."$spend" ${direction}, p.id ${direction}`,
  };
}

/** The properties to select: the ones asked for plus `always`, or every column-backed one. */
function properties(meta: EntityMetadata, columns: Columns, always: string[]): string[] {
  if (columns === 'all') {
    return meta.props
      .filter(
        (prop) =>
          prop.fieldNames?.length &&
          (prop.kind === ReferenceKind.SCALAR ||
            prop.kind === ReferenceKind.MANY_TO_ONE ||
            (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
      )
      .map((prop) => prop.name);
  }
  return [...new Set([...always, ...columns])];
}

/** A JSON object of the row `alias` keyed by column name, which read-only rows map as the driver does. */
function jsonObject(meta: EntityMetadata, alias: string, columns: Columns, always: string[]): string {
  const pairs = properties(meta, columns, always).map((property) => {
    const column = columnOf(meta, property);
    // Instants as epoch milliseconds, which become Dates without parsing text (parsing was a
    // twentieth of the list's CPU); floored, as the driver truncates microseconds.
    const value =
      meta.properties[property as keyof typeof meta.properties]?.runtimeType === 'Date'
        ? `floor(extract(epoch from ${alias}.${column}) * 1000)::bigint`
        : `${alias}.${column}`;
    return `'${column.slice(1, -1)}', ${value}`;
  });
  return `json_build_object(${pairs.join(', ')})`;
}
