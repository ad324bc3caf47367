import { describe, expect, it } from 'vitest';
import { RewardEntry, TicketEvent } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const points = (name: string) => `mutation($input: PointsInput!) { ${name}(input: $input) {
  __typename ... on ${name[0]?.toUpperCase()}${name.slice(1)}Success { entry { kind points balanceAfter reason } }
  ... on Error { code field message } } }`;
const rewards = `query($id: ID!) { node(id: $id) { ... on Customer { rewards {
  balance earnedLastYear tier nextTier { tier pointsNeeded }
  entries(first: 10) { nodes { kind points balanceAfter reason ticket { id } } } } } } }`;

async function customerWithToken() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const member = await makeMember(em, team);
  const customer = await makeCustomer(em, team);
  return { em, team, customer, id: gid('Customer', customer.id), token: await makeToken(em, 'MEMBER', member) };
}

describe('rewards', () => {
  it('earns a point per euro on every purchase, spends down to zero and never below, with reasons', async () => {
    const { em, customer, id, token } = await customerWithToken();
    const product = await makeProduct(em);
    const bought = await graphql(
      token,
      `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename } }`,
      {
        input: {
          customerId: id,
          productSku: product.sku,
          quantity: 2,
          amountMinor: 30_099,
          currency: 'EUR',
          idempotencyKey: 'buy-1',
        },
      },
    );
    expect(bought.errors).toBeUndefined();
    // 300.99 EUR: 300 points, rounded down.
    const spent = await graphql(token, points('spendPoints'), {
      input: { customerId: id, points: 120, reason: 'Coffee mug', idempotencyKey: 'mug' },
    });
    expect(spent.data.spendPoints.entry).toEqual({
      kind: 'SPEND',
      points: -120,
      balanceAfter: 180,
      reason: 'Coffee mug',
    });
    const retried = await graphql(token, points('spendPoints'), {
      input: { customerId: id, points: 120, reason: 'Coffee mug', idempotencyKey: 'mug' },
    });
    expect(retried.data.spendPoints.entry.balanceAfter).toBe(180);
    const tooMuch = await graphql(token, points('spendPoints'), {
      input: { customerId: id, points: 181, reason: 'Espresso machine' },
    });
    expect(tooMuch.data.spendPoints).toMatchObject({ __typename: 'ValidationError', field: 'input.points' });

    const { data, errors } = await graphql(token, rewards, { id });
    expect(errors).toBeUndefined();
    // Tier by points earned, which spending does not lower: 300 earned is SILVER (250), 700 short of GOLD.
    expect(data.node.rewards).toMatchObject({
      balance: 180,
      earnedLastYear: 300,
      tier: 'SILVER',
      nextTier: { tier: 'GOLD', pointsNeeded: 700 },
    });
    expect(data.node.rewards.entries.nodes.map((e: any) => [e.kind, e.points, e.balanceAfter])).toEqual([
      ['SPEND', -120, 180],
      ['EARN', 300, 300],
    ]);
    expect(await em.fork().count(RewardEntry, { customer: customer.id })).toBe(2);
  });

  it('refuses a negative balance even to concurrent spends', async () => {
    const { id, token } = await customerWithToken();
    await graphql(token, points('grantPoints'), { input: { customerId: id, points: 100, reason: 'Birthday' } });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        graphql(token, points('spendPoints'), { input: { customerId: id, points: 40, reason: 'Voucher' } }),
      ),
    );
    const succeeded = results.filter((r) => r.data.spendPoints.__typename === 'SpendPointsSuccess');
    expect(succeeded).toHaveLength(2);
    const { data } = await graphql(token, rewards, { id });
    expect(data.node.rewards.balance).toBe(20);
  });

  it('grants goodwill from a ticket once, recorded with the ticket and in its history', async () => {
    const { em, customer, id, token } = await customerWithToken();
    const submitted = await graphql(
      token,
      `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { ... on SubmitFeedbackResult { ticket { id } } } }`,
      { input: { customerId: id, nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    );
    const ticketId = submitted.data.submitFeedback.ticket.id;
    const goodwill = `mutation($input: GoodwillInput!) { grantGoodwill(input: $input) {
      __typename ... on GrantGoodwillSuccess { entry { kind points ticket { id } } } ... on Error { code field } } }`;
    // Two grants at once on one ticket: one is recorded, the other is a conflict.
    const raced = await Promise.all(
      ['Sorry for the delay', 'Sorry for the delay'].map((reason) =>
        graphql(token, goodwill, { input: { ticketId, points: 500, reason } }),
      ),
    );
    const outcomes = raced.map((r) => r.data.grantGoodwill.__typename).sort();
    expect(outcomes).toEqual(['ConflictError', 'GrantGoodwillSuccess']);
    const granted = raced.find((r) => r.data.grantGoodwill.__typename === 'GrantGoodwillSuccess');
    expect(granted?.data.grantGoodwill.entry).toEqual({ kind: 'GOODWILL', points: 500, ticket: { id: ticketId } });
    const notes = await em.fork().find(TicketEvent, { ticket: { customer: customer.id }, type: 'NOTE' });
    expect(notes.map((n) => n.note)).toEqual(['Goodwill: 500 points — Sorry for the delay']);
    const customerToken = await makeToken(em, 'CUSTOMER');
    const refused = await graphql(customerToken, goodwill, { input: { ticketId, points: 1, reason: 'x' } });
    expect(refused.errors?.[0]?.extensions?.code ?? refused.data?.grantGoodwill?.code).toBe('FORBIDDEN');
  });

  it('counts a purchase’s points towards the tier from when it was bought, not when it was recorded', async () => {
    const { em, id, token } = await customerWithToken();
    const product = await makeProduct(em);
    const buy = (key: string, amountMinor: number, purchasedAt?: string) =>
      graphql(token, `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename } }`, {
        input: {
          customerId: id,
          productSku: product.sku,
          quantity: 1,
          amountMinor,
          currency: 'EUR',
          idempotencyKey: key,
          purchasedAt,
        },
      });
    // Imported history: 300 points earned 500 days ago, recorded today; then 50 points today.
    await buy('old', 30_000, new Date(Date.now() - 500 * 86_400_000).toISOString());
    await buy('new', 5_000);
    const { data } = await graphql(
      token,
      'query($id: ID!) { node(id: $id) { ... on Customer { rewards { balance earnedLastYear tier } } } }',
      { id },
    );
    // The balance has all 350; the tier counts this year's 50 only (SILVER needs 250).
    expect(data.node.rewards).toEqual({ balance: 350, earnedLastYear: 50, tier: 'BRONZE' });
  });

  it('answers a purchase of an unknown SKU with NOT_FOUND naming the SKU, and stores nothing', async () => {
    const { id, token } = await customerWithToken();
    const { data } = await graphql(
      token,
      `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename ... on Error { code field message } } }`,
      { input: { customerId: id, productSku: 'NO-SUCH-SKU', quantity: 1, amountMinor: 100, currency: 'EUR' } },
    );
    expect(data.recordPurchase).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      field: 'input.productSku',
      message: 'No product with SKU "NO-SUCH-SKU".',
    });
  });
});
