import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { contactChannels, feedbackChannels } from '../../db/enums.ts';
import { currency, email, pastInstant, score, text } from '../shared/validation.ts';

/** What became of one valid row: stored now, already there (a re-run), or refused for a reason. */
export type RowOutcome = 'stored' | 'present' | { field: string; reason: string };

export interface ImportKind {
  name: 'accounts' | 'products' | 'customers' | 'purchases' | 'feedback';
  /** Columns that together say a file holds this kind (checked in the order of `importKinds`). */
  signature: string[];
  /** One row, from CSV text or NDJSON values, by the line's column names: every column the kind reads. */
  schema: z.ZodObject;
  /** Writes valid rows in the caller's transaction, one statement; an outcome per row, in order. */
  write(tx: EntityManager, rows: Record<string, unknown>[]): Promise<RowOutcome[]>;
}

// CSV gives text: an empty field is a value left out, numbers and booleans come as text.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.union([
    z.boolean(),
    z.enum(['true', 'yes', '1']).transform(() => true),
    z.enum(['false', 'no', '0']).transform(() => false),
  ]),
);
const when = z.coerce.date().pipe(pastInstant);

/** Runs one statement over the rows as a JSON recordset `a` (with `i`, the row's index), returning rows. */
async function overRows<T>(tx: EntityManager, rows: Record<string, unknown>[], columns: string, sql: string) {
  const recordset = `jsonb_to_recordset(?::jsonb) as a(i int, ${columns})`;
  return tx
    .getConnection()
    .execute<T[]>(
      sql.replace('$rows', recordset),
      [JSON.stringify(rows.map((row, i) => ({ ...row, i })))],
      'all',
      tx.getTransactionContext(),
    );
}

/** Outcomes in row order from result rows keyed by `i`. */
function byIndex<T extends { i: number }>(rows: unknown[], result: T[], outcome: (row: T) => RowOutcome) {
  const found = new Map(result.map((row) => [Number(row.i), row]));
  return rows.map((_, i) => {
    const row = found.get(i);
    return row ? outcome(row) : { field: '', reason: 'not written' };
  });
}

/** A row's outcome: the first refusal that applies, else stored now or already there. */
function outcomeOf(stored: boolean, refusals: [applies: boolean, field: string, reason: string][] = []): RowOutcome {
  const refusal = refusals.find(([applies]) => applies);
  if (refusal) return { field: refusal[1], reason: refusal[2] };
  return stored ? 'stored' : 'present';
}

const noCustomer = 'no customer with this ref: import the customers first';

const accounts: ImportKind = {
  name: 'accounts',
  signature: ['name'],
  schema: z.object({ name: text.name }),
  async write(tx, rows) {
    const result = await overRows<{ i: number; stored: boolean }>(
      tx,
      rows,
      'name text',
      `with a as (select * from $rows),
       ins as (insert into account (name, created_at) select distinct name, now() from a
               on conflict (name) do nothing returning name)
       select a.i, a.name in (select name from ins) and a.i = min(a.i) over (partition by a.name) as stored from a`,
    );
    return byIndex(rows, result, (row) => outcomeOf(row.stored));
  },
};

const products: ImportKind = {
  name: 'products',
  signature: ['sku', 'name'],
  schema: z.object({
    sku: text.externalId,
    name: text.name,
    category: optional(z.string().trim().max(120)),
    currency: optional(currency),
    list_price_minor: optional(int(0, 1e12)),
    active: optional(bool),
  }),
  // A product's lines (one per currency) merge into one row: prices add up, the last line's name,
  // category and active win. A re-run writes the same values again.
  async write(tx, rows) {
    const result = await overRows<{ i: number }>(
      tx,
      rows,
      'sku text, name text, category text, currency text, list_price_minor bigint, active boolean',
      `with a as (select * from $rows),
       g as (select sku, (array_agg(name order by i desc))[1] as name, (array_agg(category order by i desc))[1] as category,
                    coalesce(jsonb_object_agg(currency, list_price_minor) filter (where currency is not null and list_price_minor is not null), '{}') as prices,
                    (array_agg(active order by i desc))[1] as active
               from a group by sku),
       up as (insert into product as p (sku, name, category, list_prices, active, created_at)
              select sku, name, category, prices, coalesce(active, true), now() from g
              on conflict (sku) do update set name = excluded.name, category = excluded.category,
                     list_prices = p.list_prices || excluded.list_prices, active = excluded.active
              returning sku)
       select a.i from a where a.sku in (select sku from up)`,
    );
    return byIndex(rows, result, () => 'stored');
  },
};

const customers: ImportKind = {
  name: 'customers',
  signature: ['ref', 'name', 'team'],
  schema: z.object({
    ref: text.idempotencyKey,
    name: text.name,
    team: text.shortName,
    email: optional(email),
    account: optional(text.name),
    city: optional(z.string().trim().max(120)),
    region: optional(z.string().trim().max(120)),
    birth_date: optional(z.iso.date()),
    preferred_channel: optional(z.enum(contactChannels)),
    survey_consent: optional(bool),
  }),
  // The team must exist (teams are set up with their thresholds and channels first); a company
  // account is created when new. A customer already imported (same ref) is left as it is.
  async write(tx, rows) {
    await overRows(
      tx,
      rows,
      'account text',
      `insert into account (name, created_at) select distinct account, now() from $rows
        where account is not null on conflict (name) do nothing`,
    );
    const result = await overRows<{ i: number; no_team: boolean; email_taken: boolean; stored: boolean }>(
      tx,
      rows,
      'ref text, name text, team text, email text, account text, city text, region text, birth_date date, preferred_channel text, survey_consent boolean',
      `with a as (select * from $rows),
       r as (select a.*, t.id as team_id, ac.id as account_id,
                    exists (select 1 from customer c where c.email = a.email and c.external_ref is distinct from a.ref) as email_taken
               from a left join team t on t.name = a.team left join account ac on ac.name = a.account),
       ins as (insert into customer (external_ref, name, email, team_id, account_id, city, region, birth_date,
                                     preferred_channel, survey_consent, created_at, updated_at)
               select distinct on (ref) ref, name, email, team_id, account_id, city, region, birth_date,
                      coalesce(preferred_channel, 'EMAIL'), coalesce(survey_consent, true), now(), now()
                 from r where team_id is not null and not email_taken order by ref, i
               on conflict (external_ref) do nothing returning external_ref)
       select r.i, r.team_id is null as no_team, r.email_taken,
              r.ref in (select external_ref from ins) and r.i = min(r.i) over (partition by r.ref) as stored
         from r`,
    );
    return byIndex(rows, result, (row) =>
      outcomeOf(row.stored, [
        [row.no_team, 'team', 'no team with this name: create the team first'],
        [row.email_taken, 'email', 'another customer already has this email'],
      ]),
    );
  },
};

const purchases: ImportKind = {
  name: 'purchases',
  signature: ['ref', 'customer_ref', 'sku'],
  schema: z.object({
    ref: text.idempotencyKey,
    customer_ref: text.idempotencyKey,
    sku: text.externalId,
    quantity: int(1, 100_000),
    amount_minor: int(0, 1e12),
    currency,
    purchased_at: when,
  }),
  // History: no reward points, no surveys. The rollups follow by their triggers.
  async write(tx, rows) {
    const result = await overRows<{ i: number; no_customer: boolean; no_product: boolean; stored: boolean }>(
      tx,
      rows,
      'ref text, customer_ref text, sku text, quantity int, amount_minor bigint, currency text, purchased_at timestamptz',
      `with a as (select * from $rows),
       r as (select a.*, c.id as customer_id, p.id as product_id
               from a left join customer c on c.external_ref = a.customer_ref left join product p on p.sku = a.sku),
       ins as (insert into purchase (customer_id, product_id, quantity, amount_minor, currency, purchased_at, idempotency_key, created_at)
               select customer_id, product_id, quantity, amount_minor, currency, purchased_at, 'import:' || ref, now()
                 from r where customer_id is not null and product_id is not null
               on conflict (idempotency_key) do nothing returning idempotency_key)
       select r.i, r.customer_id is null as no_customer, r.product_id is null as no_product,
              'import:' || r.ref in (select idempotency_key from ins) and r.i = min(r.i) over (partition by r.ref) as stored
         from r`,
    );
    return byIndex(rows, result, (row) =>
      outcomeOf(row.stored, [
        [row.no_customer, 'customer_ref', noCustomer],
        [row.no_product, 'sku', 'no product with this SKU: import the products first'],
      ]),
    );
  },
};

const answer = (min: number, max: number) => optional(z.coerce.number().pipe(score(min, max)));
const scores = {
  nps: answer(0, 10),
  csat: answer(1, 5),
  intent_keep_buying: answer(1, 5),
  intent_buy_more: answer(1, 5),
  brand_image: answer(1, 5),
  needs_met: answer(1, 5),
};

const feedback: ImportKind = {
  name: 'feedback',
  signature: ['key', 'customer_ref', 'submitted_at'],
  schema: z
    .object({
      key: text.idempotencyKey,
      customer_ref: text.idempotencyKey,
      ...scores,
      comment: optional(text.comment),
      channel: z.enum(feedbackChannels),
      submitted_at: when,
    })
    .refine((row) => Object.keys(scores).some((name) => (row as Record<string, unknown>)[name] != null), {
      message: 'give at least one answer (nps, csat or a tracker question)',
      path: ['nps'],
    }),
  // History: no recovery tickets, no alerts. The latest NPS and the rollups follow by their triggers.
  async write(tx, rows) {
    const result = await overRows<{ i: number; no_customer: boolean; stored: boolean }>(
      tx,
      rows,
      'key text, customer_ref text, nps smallint, csat smallint, intent_keep_buying smallint, intent_buy_more smallint, brand_image smallint, needs_met smallint, comment text, channel text, submitted_at timestamptz',
      `with a as (select * from $rows),
       r as (select a.*, c.id as customer_id from a left join customer c on c.external_ref = a.customer_ref),
       ins as (insert into feedback (customer_id, nps, csat, intent_keep_buying, intent_buy_more, brand_image, needs_met,
                                     comment, channel, submitted_at, idempotency_key, created_at)
               select customer_id, nps, csat, intent_keep_buying, intent_buy_more, brand_image, needs_met,
                      comment, channel, submitted_at, key, now()
                 from r where customer_id is not null
               on conflict (idempotency_key) do nothing returning idempotency_key)
       select r.i, r.customer_id is null as no_customer,
              r.key in (select idempotency_key from ins) and r.i = min(r.i) over (partition by r.key) as stored
         from r`,
    );
    return byIndex(rows, result, (row) => outcomeOf(row.stored, [[row.no_customer, 'customer_ref', noCustomer]]));
  },
};

/** The kinds an import file may hold, most specific signature first. */
export const importKinds = [purchases, feedback, customers, products, accounts];

/**
 * The kind whose required columns a file has and which knows all of its columns: a customers
 * file that lacks its team column is not taken for a list of accounts.
 */
export function detectKind(columns: string[]): ImportKind | undefined {
  const present = new Set(columns);
  return importKinds.find(
    (kind) =>
      kind.signature.every((column) => present.has(column)) && columns.every((column) => column in kind.schema.shape),
  );
}
