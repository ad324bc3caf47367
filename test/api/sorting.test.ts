import { describe, expect, it } from 'vitest';
import { Customer, Purchase } from '../../db/entities/index.ts';
import { defaultSettings } from '../../server/yoga.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);
const lookAheadOff = apiClient(db, { settings: { ...defaultSettings, lookAhead: false } });

/** Every page of a list, two at a time: the order across page boundaries, nulls included. */
async function allPages(client: typeof graphql, token: string, query: string, variables: Record<string, unknown>) {
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: { data?: any; errors?: unknown } = await client(token, query, { ...variables, after });
    expect(errors).toBeUndefined();
    const list: any = data.customers ?? data.tickets ?? data.feedback;
    names.push(...list.nodes.map((node: any) => node.name ?? node.customer?.name ?? node.nps));
    if (!list.pageInfo.hasNextPage) return names;
    after = list.pageInfo.endCursor;
  }
}

describe('tables a dashboard sorts and searches', () => {
  it('sorts customers by latest NPS, last purchase and churn risk, paging through those without one', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const token = await makeToken(em);
    const day = (n: number) => new Date(Date.UTC(2026, 10, n));
    const people: [string, number | null, Date | null, number | null][] = [
      ['Anna', 9, day(3), 10],
      ['Bram', 3, day(20), 80],
      ['Cor', null, null, null],
      ['Dewi', 7, day(10), 40],
      ['Eva', null, day(1), null],
    ];
    for (const [name, latestNps, lastPurchaseAt, churnRisk] of people) {
      const customer = await makeCustomer(em, team, { name });
      // The columns the triggers and the churn check keep, set directly for a hand-made set.
      await em.nativeUpdate(Customer, { id: customer.id }, { latestNps, lastPurchaseAt, churnRisk });
    }
    const query = `query($t: [ID!], $sort: CustomerSort, $after: String) {
      customers(first: 2, after: $after, sort: $sort, filter: { teamIds: $t }) { nodes { name } pageInfo { hasNextPage endCursor } }
    }`;
    const expected = {
      LATEST_NPS_DESC: ['Anna', 'Dewi', 'Bram', 'Eva', 'Cor'],
      LATEST_NPS_ASC: ['Cor', 'Eva', 'Bram', 'Dewi', 'Anna'],
      LAST_PURCHASE_DESC: ['Bram', 'Dewi', 'Anna', 'Eva', 'Cor'],
      LAST_PURCHASE_ASC: ['Cor', 'Eva', 'Anna', 'Dewi', 'Bram'],
      CHURN_RISK_DESC: ['Bram', 'Dewi', 'Anna', 'Eva', 'Cor'],
    };
    for (const client of [graphql, lookAheadOff]) {
      for (const [sort, names] of Object.entries(expected)) {
        expect([sort, await allPages(client, token, query, { t: [gid('Team', team.id)], sort })]).toEqual([
          sort,
          names,
        ]);
      }
    }
  });

  it('sorts customers by total spend in one currency, paging both ways past those who never bought in it', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const token = await makeToken(em);
    const product = await makeProduct(em);
    const spends: [string, [number, string][]][] = [
      [
        'Ans',
        [
          [1000, 'EUR'],
          [500, 'EUR'],
        ],
      ],
      ['Bas', [[9000, 'USD']]],
      ['Cees', [[2000, 'EUR']]],
      ['Dirk', []],
      [
        'Els',
        [
          [100, 'EUR'],
          [100, 'USD'],
        ],
      ],
    ];
    const ids = new Map<string, number>();
    for (const [name, purchases] of spends) {
      const customer = await makeCustomer(em, team, { name });
      ids.set(name, customer.id);
      // One purchase at a time: the trigger adds each batch to the total.
      for (const [amountMinor, currency] of purchases) {
        em.create(Purchase, { customer, product, quantity: 1, amountMinor, currency, purchasedAt: new Date() });
        await em.flush();
      }
    }
    const query = `query($t: [ID!], $sort: CustomerSort, $after: String, $c: String) {
      customers(first: 2, after: $after, sort: $sort, spendCurrency: $c, filter: { teamIds: $t }) { nodes { name } pageInfo { hasNextPage endCursor } }
    }`;
    const t = [gid('Team', team.id)];
    // Without a purchase in the currency: last, newest customer first (the id breaks ties, as in every sort).
    for (const client of [graphql, lookAheadOff]) {
      expect(await allPages(client, token, query, { t, sort: 'TOTAL_SPEND_DESC' })).toEqual([
        'Cees',
        'Ans',
        'Els',
        'Dirk',
        'Bas',
      ]);
      expect(await allPages(client, token, query, { t, sort: 'TOTAL_SPEND_DESC', c: 'usd' })).toEqual([
        'Bas',
        'Els',
        'Dirk',
        'Cees',
        'Ans',
      ]);
    }
    const end = await graphql(
      token,
      'query($t: [ID!]) { customers(last: 2, sort: TOTAL_SPEND_DESC, filter: { teamIds: $t }) { nodes { name } pageInfo { startCursor hasPreviousPage } } }',
      { t },
    );
    expect(end.data.customers.nodes.map((n: any) => n.name)).toEqual(['Dirk', 'Bas']);
    expect(end.data.customers.pageInfo.hasPreviousPage).toBe(true);
    const inUsd = await graphql(
      token,
      'query($t: [ID!], $b: String) { customers(last: 2, before: $b, sort: TOTAL_SPEND_DESC, spendCurrency: "USD", filter: { teamIds: $t }) { nodes { name } } }',
      { t, b: end.data.customers.pageInfo.startCursor },
    );
    expect(inUsd.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'before' });
    const bad = await graphql(
      token,
      'query { customers(sort: TOTAL_SPEND_DESC, spendCurrency: "euro") { nodes { id } } }',
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'spendCurrency' });
  });

  it('searches tickets by customer, a list of customers and a created-time range; sorts feedback by score', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const token = await makeToken(em);
    const customers = [];
    for (const name of ['Jansen Bakkerij', 'De Vries', 'Bakker & Zn'])
      customers.push(await makeCustomer(em, team, { name }));
    const before = new Date();
    for (const [index, customer] of customers.entries()) {
      await graphql(token, 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }', {
        i: {
          customerId: gid('Customer', customer.id),
          nps: index + 1,
          channel: 'WEB',
          idempotencyKey: crypto.randomUUID(),
        },
      });
    }
    const tickets = async (filter: Record<string, unknown>) => {
      const { data, errors } = await graphql(
        token,
        'query($f: TicketFilter) { tickets(first: 10, sort: CREATED_AT_ASC, filter: $f) { nodes { customer { name } } } }',
        { f: { teamIds: [gid('Team', team.id)], ...filter } },
      );
      expect(errors).toBeUndefined();
      return data.tickets.nodes.map((node: any) => node.customer.name);
    };
    expect(await tickets({ search: 'bakker' })).toEqual(['Jansen Bakkerij', 'Bakker & Zn']);
    expect(await tickets({ search: '%' })).toEqual([]);
    expect(
      await tickets({ customerIds: [gid('Customer', customers[1]!.id), gid('Customer', customers[2]!.id)] }),
    ).toEqual(['De Vries', 'Bakker & Zn']);
    expect(await tickets({ createdFrom: before.toISOString(), search: 'vries' })).toEqual(['De Vries']);
    expect(await tickets({ createdBefore: before.toISOString() })).toEqual([]);

    const { data } = await graphql(
      token,
      'query($t: [ID!]) { feedback(first: 5, sort: NPS_ASC, filter: { teamIds: $t }) { nodes { nps } } }',
      { t: [gid('Team', team.id)] },
    );
    expect(data.feedback.nodes.map((node: any) => node.nps)).toEqual([1, 2, 3]);
  });
});
