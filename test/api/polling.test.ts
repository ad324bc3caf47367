import { describe, expect, it } from 'vitest';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const submit = `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id updatedAt } } } }`;

describe('polling clients (updatedSince and the UPDATED_AT sorts)', () => {
  it('catch up on the tickets and customers changed since they last looked, oldest change first', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customers = [await makeCustomer(em, team), await makeCustomer(em, team), await makeCustomer(em, team)];
    const token = await makeToken(em);
    const tickets: string[] = [];
    for (const customer of customers) {
      const { data } = await graphql(token, submit, {
        i: { customerId: gid('Customer', customer.id), nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() },
      });
      tickets.push(data.submitFeedback.ticket.id);
    }
    const since = new Date(Date.now() + 5).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Changed after `since`: the third ticket, then the first.
    for (const ticketId of [tickets[2], tickets[0]]) {
      const { errors } = await graphql(
        token,
        'mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { __typename } }',
        {
          i: { ticketId, note: 'Gebeld' },
        },
      );
      expect(errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const changed = await graphql(
      token,
      `query($since: DateTime!, $t: [ID!]) {
        tickets(first: 10, sort: UPDATED_AT_ASC, filter: { updatedSince: $since, teamIds: $t }) { nodes { id updatedAt } }
      }`,
      { since, t: [gid('Team', team.id)] },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data.tickets.nodes.map((node: { id: string }) => node.id)).toEqual([tickets[2], tickets[0]]);

    const newest = await graphql(
      token,
      'query($t: [ID!]) { tickets(first: 1, sort: UPDATED_AT_DESC, filter: { teamIds: $t }) { nodes { id } } }',
      { t: [gid('Team', team.id)] },
    );
    expect(newest.data.tickets.nodes[0].id).toBe(tickets[0]);

    await graphql(token, 'mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { __typename } }', {
      i: { customerId: gid('Customer', customers[1]!.id), city: 'Utrecht' },
    });
    const customersChanged = await graphql(
      token,
      `query($since: DateTime!, $t: [ID!]) {
        customers(first: 10, sort: UPDATED_AT_ASC, filter: { updatedSince: $since, teamIds: $t }) { nodes { id city } }
      }`,
      { since, t: [gid('Team', team.id)] },
    );
    expect(customersChanged.errors).toBeUndefined();
    expect(customersChanged.data.customers.nodes).toEqual([{ id: gid('Customer', customers[1]!.id), city: 'Utrecht' }]);
  });
});
