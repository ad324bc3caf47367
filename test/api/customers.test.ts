import { describe, expect, it } from 'vitest';
import { Customer, Purchase } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const listQuery = `query($first: Int, $after: String, $filter: CustomerFilter, $sort: CustomerSort) {
  customers(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name city }
  }
}`;

async function teamWithCustomers(count: number, overrides: (i: number) => Partial<Customer> = () => ({})) {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const customers = [];
  for (let i = 0; i < count; i++) customers.push(await makeCustomer(em, team, overrides(i)));
  return { em, team, customers, token: await makeToken(em), teamId: gid('Team', team.id) };
}

describe('customers query', () => {
  it('walks every page exactly once with first/after', async () => {
    const { token, teamId, customers } = await teamWithCustomers(7);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { data, errors }: { data?: any; errors?: unknown } = await graphql(token, listQuery, {
        first: 3,
        after,
        filter: { teamIds: [teamId] },
      });
      expect(errors).toBeUndefined();
      seen.push(...data.customers.nodes.map((n: { id: string }) => n.id));
      expect(data.customers.totalCount).toBe(7);
      after = data.customers.pageInfo.hasNextPage ? data.customers.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(customers.map((c) => gid('Customer', c.id))));
  });

  it('sorts by name both ways', async () => {
    const names = ['Bea', 'Anna', 'Cas'];
    const { token, teamId } = await teamWithCustomers(3, (i) => ({ name: names[i] }));
    const names1 = async (sort: string) =>
      (await graphql(token, listQuery, { filter: { teamIds: [teamId] }, sort })).data.customers.nodes.map(
        (n: any) => n.name,
      );
    expect(await names1('NAME_ASC')).toEqual(['Anna', 'Bea', 'Cas']);
    expect(await names1('NAME_DESC')).toEqual(['Cas', 'Bea', 'Anna']);
  });

  it('filters by city, NPS category, open ticket and search', async () => {
    const { token, teamId, customers } = await teamWithCustomers(4, (i) => ({
      city: i < 2 ? 'Utrecht' : 'Delft',
      name: i === 3 ? 'Zoë Zuiderduin' : `Customer ${i}`,
    }));
    const submit = (customer: Customer, nps: number) =>
      graphql(token, `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { __typename } }`, {
        input: { customerId: gid('Customer', customer.id), nps, channel: 'API', idempotencyKey: crypto.randomUUID() },
      });
    await submit(customers[0]!, 10);
    await submit(customers[1]!, 3);
    await submit(customers[2]!, 8);
    const ids = async (filter: Record<string, unknown>) =>
      (
        await graphql(token, listQuery, { filter: { teamIds: [teamId], ...filter }, sort: 'NAME_ASC' })
      ).data.customers.nodes.map((n: { id: string }) => n.id);
    const id = (i: number) => gid('Customer', customers[i]!.id);
    expect(await ids({ city: 'utrecht' })).toEqual([id(0), id(1)]);
    expect(await ids({ npsCategory: 'PROMOTER' })).toEqual([id(0)]);
    expect(await ids({ npsCategory: 'DETRACTOR' })).toEqual([id(1)]);
    expect(await ids({ npsCategory: 'PASSIVE' })).toEqual([id(2)]);
    expect(await ids({ hasOpenTicket: true })).toEqual([id(1)]);
    expect(await ids({ hasOpenTicket: false })).toEqual([id(0), id(2), id(3)]);
    expect(await ids({ search: 'zuider' })).toEqual([id(3)]);
    expect(await ids({ search: '%' })).toEqual([]);
  });

  it.each([
    [{ first: 101 }, 'first'],
    [{ first: -1 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
  ])('rejects %o with a VALIDATION_FAILED error on %s', async (args, field) => {
    const { token } = await teamWithCustomers(0);
    const { data, errors } = await graphql(token, listQuery, args);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('returns null for an unknown customer id', async () => {
    const { token } = await teamWithCustomers(0);
    const { data } = await graphql(token, `{ customer(id: "${gid('Customer', 123_456)}") { id } }`);
    expect(data.customer).toBeNull();
  });
});

describe('central customer view', () => {
  it('shows profile, team, purchases, figures and feedback history', async () => {
    const { em, token, customers } = await teamWithCustomers(1);
    const customer = customers[0]!;
    const product = await makeProduct(em);
    const record = (amountMinor: number, currency: string, purchasedAt: string) =>
      graphql(
        token,
        `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename ... on Error { field message } } }`,
        {
          input: {
            customerId: gid('Customer', customer.id),
            productSku: product.sku,
            quantity: 1,
            amountMinor,
            currency,
            purchasedAt,
          },
        },
      );
    expect((await record(1999, 'EUR', '2026-01-05T10:00:00Z')).data.recordPurchase.__typename).toBe(
      'RecordPurchaseSuccess',
    );
    await record(500, 'eur', '2026-02-05T10:00:00Z');
    await record(1000, 'USD', '2026-03-05T10:00:00Z');
    const { data } = await graphql(
      token,
      `query($id: ID!) { customer(id: $id) {
        name team { name }
        figures { purchaseCount lastPurchaseAt totalSpend { amountMinor currency } }
        purchases(first: 2) { totalCount pageInfo { hasNextPage } nodes { amount { amountMinor currency } product { sku } } }
      } }`,
      { id: gid('Customer', customer.id) },
    );
    expect(data.customer.figures).toEqual({
      purchaseCount: 3,
      lastPurchaseAt: '2026-03-05T10:00:00.000Z',
      totalSpend: [
        { amountMinor: 2499, currency: 'EUR' },
        { amountMinor: 1000, currency: 'USD' },
      ],
    });
    expect(data.customer.purchases).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: true },
      nodes: [
        { amount: { amountMinor: 1000, currency: 'USD' }, product: { sku: product.sku } },
        { amount: { amountMinor: 500, currency: 'EUR' }, product: { sku: product.sku } },
      ],
    });
  });

  it('rejects a purchase with a bad amount or currency, writing nothing', async () => {
    const { em, token, customers } = await teamWithCustomers(1);
    const product = await makeProduct(em);
    for (const [input, field] of [
      [{ amountMinor: -1, currency: 'EUR' }, 'input.amountMinor'],
      [{ amountMinor: 100, currency: 'EURO' }, 'input.currency'],
      [{ amountMinor: 100, currency: 'EUR', quantity: 0 }, 'input.quantity'],
    ] as const) {
      const { data } = await graphql(
        token,
        `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename ... on Error { field } } }`,
        {
          input: { customerId: gid('Customer', customers[0]!.id), productSku: product.sku, quantity: 1, ...input },
        },
      );
      expect(data.recordPurchase).toEqual({ __typename: 'ValidationError', field });
    }
    expect(await db.orm.em.fork().count(Purchase, { customer: customers[0]!.id })).toBe(0);
  });
});

describe('createCustomer and updateCustomer', () => {
  const create = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
    __typename ... on CreateCustomerSuccess { customer { id name email city account { name } surveyConsent } } ... on Error { code field }
  } }`;

  it('creates once per idempotency key', async () => {
    const { token, teamId, team } = await teamWithCustomers(0);
    const input = {
      teamId,
      name: 'Ilse',
      email: `ilse.${crypto.randomUUID()}@example.test`,
      accountName: 'Acme BV',
      idempotencyKey: crypto.randomUUID(),
    };
    const first = await graphql(token, create, { input });
    const second = await graphql(token, create, { input });
    expect(first.data.createCustomer.customer).toMatchObject({
      name: 'Ilse',
      account: { name: 'Acme BV' },
      surveyConsent: true,
    });
    expect(second.data.createCustomer.customer.id).toBe(first.data.createCustomer.customer.id);
    expect(await db.orm.em.fork().count(Customer, { team: team.id })).toBe(1);
  });

  it('names the field of a taken e-mail or a bad value', async () => {
    const { token, teamId, customers } = await teamWithCustomers(1);
    const taken = await graphql(token, create, { input: { teamId, name: 'Copy', email: customers[0]!.email } });
    expect(taken.data.createCustomer).toEqual({ __typename: 'ConflictError', code: 'CONFLICT', field: 'input.email' });
    const bad = await graphql(token, create, { input: { teamId, name: 'X', email: 'not-an-email' } });
    expect(bad.data.createCustomer).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      field: 'input.email',
    });
    const badDate = await graphql(token, create, { input: { teamId, name: 'X', birthDate: '1800-01-01' } });
    expect(badDate.data.createCustomer).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      field: 'input.birthDate',
    });
  });

  it('updates given fields, clears nulls and leaves the rest', async () => {
    const { token, customers } = await teamWithCustomers(1, () => ({ city: 'Delft', region: 'Zuid-Holland' }));
    const { data } = await graphql(
      token,
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) {
        ... on UpdateCustomerSuccess { customer { name city region preferredChannel } } } }`,
      {
        input: {
          customerId: gid('Customer', customers[0]!.id),
          city: 'Leiden',
          region: null,
          preferredChannel: 'SLACK',
        },
      },
    );
    expect(data.updateCustomer.customer).toEqual({
      name: customers[0]!.name,
      city: 'Leiden',
      region: null,
      preferredChannel: 'SLACK',
    });
  });
});
