import { describe, expect, it } from 'vitest';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const pageQuery = `query($first: Int!, $teamIds: [ID!]) {
  customers(first: $first, filter: { teamIds: $teamIds }) {
    nodes {
      id name
      team { name members { name } }
      figures { purchaseCount totalSpend { amountMinor currency } }
      latestFeedback { nps comment }
      feedback(first: 3) { nodes { nps csat submittedAt } }
      purchases(first: 2) { nodes { amount { amountMinor } product { sku } } }
      tickets(first: 5, status: [OPEN, ACKNOWLEDGED]) {
        nodes { id status assignee { name } feedback { nps } events(first: 2) { nodes { type actor { name } } } }
      }
    }
  }
}`;

describe('SQL statements per request', () => {
  it('is the same for a page of 5 customers as for a page of 50', async () => {
    const em = db.orm.em.fork();
    const teams = [await makeTeam(em), await makeTeam(em)];
    const member = await makeMember(em, teams[0]!);
    // An admin acting as a member: the count covers both teams' customers.
    const token = await makeToken(em, 'ADMIN', member);
    const product = await makeProduct(em);
    for (let i = 0; i < 50; i++) {
      const customer = await makeCustomer(em, teams[i % 2]!);
      const id = gid('Customer', customer.id);
      for (const nps of [9, 3]) {
        await graphql(token, `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }`, {
          i: { customerId: id, nps, channel: 'WEB', idempotencyKey: crypto.randomUUID() },
        });
      }
      await graphql(token, `mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { __typename } }`, {
        i: { customerId: id, productSku: product.sku, quantity: 1, amountMinor: 1000, currency: 'EUR' },
      });
    }

    const measure = async (first: number) => {
      db.statements.length = 0;
      const { data, errors } = await graphql(token, pageQuery, { first, teamIds: teams.map((t) => gid('Team', t.id)) });
      expect(errors).toBeUndefined();
      expect(data.customers.nodes).toHaveLength(first);
      expect(
        data.customers.nodes.every((n: any) => n.tickets.nodes.length === 1 && n.feedback.nodes.length === 2),
      ).toBe(true);
      return [...db.statements];
    };
    const small = await measure(5);
    const large = await measure(50);
    expect(large.length).toBe(small.length);
    // One statement for the token, one for the page, one per relation batch: no N+1.
    expect(large.length).toBeLessThanOrEqual(14);
  });
});
