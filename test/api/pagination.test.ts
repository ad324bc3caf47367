import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../server/yoga.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);
const lookAheadOff = apiClient(db, { settings: { ...defaultSettings, lookAhead: false } });

const pageInfo = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

async function world() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const customers = [];
  for (let i = 0; i < 7; i++) customers.push(await makeCustomer(em, team, { name: `Klant ${i}` }));
  const token = await makeToken(em);
  // Low scores from five customers: five tickets; the first one gets four notes (five events).
  const tickets: string[] = [];
  for (const customer of customers.slice(0, 5)) {
    const { data } = await graphql(
      token,
      'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } } }',
      { i: { customerId: gid('Customer', customer.id), nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    );
    tickets.push(data.submitFeedback.ticket.id);
  }
  for (let i = 0; i < 4; i++) {
    await graphql(token, 'mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { __typename } }', {
      i: { ticketId: tickets[0], note: `Notitie ${i}` },
    });
  }
  return { token, team: gid('Team', team.id), ticket: tickets[0]!, tickets, names: customers.map((c) => c.name) };
}

describe('pagination both ways', () => {
  it('walks a list backward from its end with last/before, the same items as forward, in list order', async () => {
    const { token, team, names } = await world();
    const list = (args: string) =>
      `query($t: [ID!]) { customers(${args}, sort: NAME_ASC, filter: { teamIds: $t }) { nodes { name } ${pageInfo} } }`;
    for (const client of [graphql, lookAheadOff]) {
      const end = await client(token, list('last: 3'), { t: [team] });
      expect(end.errors).toBeUndefined();
      expect(end.data.customers.nodes.map((n: any) => n.name)).toEqual(names.slice(4));
      expect(end.data.customers.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      const before = await client(
        token,
        `query($t: [ID!], $b: String) { customers(last: 3, before: $b, sort: NAME_ASC, filter: { teamIds: $t }) { nodes { name } ${pageInfo} } }`,
        { t: [team], b: end.data.customers.pageInfo.startCursor },
      );
      expect(before.data.customers.nodes.map((n: any) => n.name)).toEqual(names.slice(1, 4));
      expect(before.data.customers.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
      const start = await client(
        token,
        `query($t: [ID!], $b: String) { customers(last: 3, before: $b, sort: NAME_ASC, filter: { teamIds: $t }) { nodes { name } ${pageInfo} } }`,
        { t: [team], b: before.data.customers.pageInfo.startCursor },
      );
      expect(start.data.customers.nodes.map((n: any) => n.name)).toEqual(names.slice(0, 1));
      expect(start.data.customers.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
      // Forward from the middle: hasPreviousPage says items precede.
      const forward = await client(
        token,
        `query($t: [ID!], $a: String) { customers(first: 2, after: $a, sort: NAME_ASC, filter: { teamIds: $t }) { nodes { name } ${pageInfo} } }`,
        { t: [team], a: start.data.customers.pageInfo.endCursor },
      );
      expect(forward.data.customers.nodes.map((n: any) => n.name)).toEqual(names.slice(1, 3));
      expect(forward.data.customers.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    }
  });

  it('pages a ticket’s history and a ticket list backward, and first: 0 only says whether there are items', async () => {
    const { token, ticket, tickets, team } = await world();
    const history = await graphql(
      token,
      `query($id: ID!) { node(id: $id) { ... on Ticket { events(last: 2) { nodes { id note } ${pageInfo} } all: events(first: 5) { nodes { id } } } } }`,
      { id: ticket },
    );
    expect(history.errors).toBeUndefined();
    const all = history.data.node.all.nodes.map((n: any) => n.id);
    expect(all).toHaveLength(5);
    expect(history.data.node.events.nodes.map((n: any) => n.id)).toEqual(all.slice(3));
    expect(history.data.node.events.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const earlier = await graphql(
      token,
      `query($id: ID!, $b: String) { node(id: $id) { ... on Ticket { events(last: 2, before: $b) { nodes { id } ${pageInfo} } } } }`,
      { id: ticket, b: history.data.node.events.pageInfo.startCursor },
    );
    expect(earlier.data.node.events.nodes.map((n: any) => n.id)).toEqual(all.slice(1, 3));
    expect(earlier.data.node.events.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });

    const queue = await graphql(
      token,
      `query($t: [ID!]) { tickets(last: 2, sort: CREATED_AT_ASC, filter: { teamIds: $t }) { nodes { id } ${pageInfo} } }`,
      { t: [team] },
    );
    expect(queue.data.tickets.nodes.map((n: any) => n.id)).toEqual(tickets.slice(3));
    expect(queue.data.tickets.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });

    // A customer's tickets page the same way, on the list's one-statement path and off it.
    const { data: ofCustomer } = await graphql(
      token,
      `query($id: ID!) { node(id: $id) { ... on Ticket { customer { tickets(last: 0, statuses: [OPEN]) { nodes { id } totalCount ${pageInfo} } } } } }`,
      { id: ticket },
    );
    expect(ofCustomer.node.customer.tickets).toMatchObject({
      nodes: [],
      totalCount: 1,
      pageInfo: { hasPreviousPage: true },
    });

    const none = await graphql(
      token,
      `query($t: [ID!]) { tickets(first: 0, filter: { teamIds: $t }) { nodes { id } totalCount ${pageInfo} } }`,
      { t: [team] },
    );
    expect(none.data.tickets).toMatchObject({ nodes: [], totalCount: 5, pageInfo: { hasNextPage: true } });
  });

  it('refuses first with last, and a cursor of another list or sort', async () => {
    const { token, ticket } = await world();
    const both = await graphql(token, '{ tickets(first: 2, last: 2) { nodes { id } } }');
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'first' });
    const byName = await graphql(token, '{ customers(first: 1, sort: NAME_ASC) { pageInfo { endCursor } } }');
    const history = await graphql(
      token,
      'query($id: ID!) { node(id: $id) { ... on Ticket { events(first: 1) { pageInfo { endCursor } } } } }',
      {
        id: ticket,
      },
    );
    const cursors = [byName.data.customers.pageInfo.endCursor, history.data.node.events.pageInfo.endCursor];
    for (const [query, cursor] of [
      ['query($c: String) { customers(last: 1, before: $c, sort: NAME_DESC) { nodes { id } } }', cursors[0]],
      ['query($c: String) { tickets(last: 1, before: $c) { nodes { id } } }', cursors[0]],
      ['query($c: String) { customers(last: 1, before: $c, sort: NAME_ASC) { nodes { id } } }', cursors[1]],
    ]) {
      const wrong = await graphql(token, query!, { c: cursor });
      expect(wrong.errors?.[0]).toMatchObject({
        message: expect.stringContaining('another list or sort'),
        extensions: { code: 'VALIDATION_FAILED', field: 'before' },
      });
    }
    const same = await graphql(
      token,
      'query($c: String) { customers(first: 1, after: $c, sort: NAME_ASC) { nodes { id } } }',
      {
        c: cursors[0],
      },
    );
    expect(same.errors).toBeUndefined();
  });
});
