import { describe, expect, it } from 'vitest';
import { loyaltyCategories } from '../../domain/loyalty/loyalty-category.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeMonthlyPurchases, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const distribution = `query($s: ReportScope) { loyaltyCategories(scope: $s) { category customers } }`;

describe('loyaltyCategories: the customers in scope by loyalty category', () => {
  it('counts each customer in the category their own loyalty.category says, every category listed', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const other = await makeTeam(em);
    const admin = await makeToken(em, 'ADMIN');
    const customers = await Promise.all([0, 1, 2, 3].map(() => makeCustomer(em, team)));
    await makeCustomer(em, other);
    await makeMonthlyPurchases(em, customers[0]!, 360, 10);
    await makeMonthlyPurchases(em, customers[1]!, 360, 10);
    const submit = `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }`;
    for (const [customer, nps] of [
      [customers[0]!, 10],
      [customers[2]!, 3],
    ] as const) {
      await graphql(admin, submit, {
        i: { customerId: gid('Customer', customer.id), nps, channel: 'API', idempotencyKey: crypto.randomUUID() },
      });
    }
    const { data } = await graphql(
      admin,
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { loyalty { category } } } }`,
      {
        ids: customers.map((customer) => gid('Customer', customer.id)),
      },
    );
    const expected = new Map<string, number>();
    for (const node of data.nodes) expected.set(node.loyalty.category, (expected.get(node.loyalty.category) ?? 0) + 1);

    const result = await graphql(admin, distribution, { s: { teamId: gid('Team', team.id) } });
    expect(result.errors).toBeUndefined();
    const counts = result.data.loyaltyCategories as { category: string; customers: number }[];
    expect(counts.map((c) => c.category)).toEqual([...loyaltyCategories]);
    expect(counts.filter((c) => c.customers > 0).map((c) => [c.category, c.customers])).toEqual(
      counts.filter((c) => expected.has(c.category)).map((c) => [c.category, expected.get(c.category)]),
    );
    expect(counts.reduce((sum, c) => sum + c.customers, 0)).toBe(4);
  });

  it('keeps a member to their own team whatever scope they ask for', async () => {
    const em = db.orm.em.fork();
    const mine = await makeTeam(em);
    const theirs = await makeTeam(em);
    const member = await makeMember(em, mine);
    const token = await makeToken(em, 'MEMBER', member);
    await makeCustomer(em, mine);
    await Promise.all([0, 1, 2].map(() => makeCustomer(em, theirs)));
    const total = async (scope: Record<string, string> | null) => {
      const result = await graphql(token, distribution, { s: scope });
      expect(result.errors).toBeUndefined();
      return result.data.loyaltyCategories.reduce((sum: number, c: { customers: number }) => sum + c.customers, 0);
    };
    expect(await total(null)).toBe(1);
    // Another team's customers are never counted for a member: asking for them gives none.
    expect(await total({ teamId: gid('Team', theirs.id) })).toBe(0);
  });
});
