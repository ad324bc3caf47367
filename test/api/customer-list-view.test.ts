import { beforeAll, describe, expect, it } from 'vitest';
import { frontendOperations } from '../../dashboard/operations.ts';
import { defaultSettings } from '../../server/yoga.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
// The same API with the customer list's one-statement read path (as shipped) and without it.
const ahead = apiClient(db);
const entities = apiClient(db, { settings: { ...defaultSettings, lookAhead: false } });

const ticketFields = `id kind status ackDueAt resolveDueAt overdue acknowledgedAt resolvedAt closedAt resolution
  followUpDueAt version createdAt updatedAt team { name slackChannelId } customer { name email }
  feedback { nps csat comment } assignee { name } events(first: 2) { nodes { type } }`;
const feedbackFields = `id nps npsCategory csat intentKeepBuying intentBuyMore brandImage needsMet comment channel
  submittedAt customer { name }`;

// Every field of a customer, its team, latest answer and tickets, through nodes and edges,
// fragments, aliases with other arguments, and @include: whatever the look-ahead reads or leaves
// to the loaders must answer the same.
const everything = `query Everything($first: Int, $after: String, $sort: CustomerSort, $filter: CustomerFilter, $withTickets: Boolean!) {
  customers(first: $first, after: $after, sort: $sort, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor startCursor hasPreviousPage }
    edges { cursor node { id name } }
    nodes {
      ...Person
      id email city region birthDate preferredChannel surveyConsent slackUserId discordUserId createdAt updatedAt erasedAt
      account { name }
      team { id name slackChannelId discordChannelId npsThreshold csatThreshold ackSlaHours resolveSlaHours members { name } }
      figures { latestNps latestNpsAt npsCategory purchaseCount lastPurchaseAt totalSpend { amountMinor currency } }
      latestFeedback { ${feedbackFields} }
      open: tickets(first: 1, status: [OPEN, ACKNOWLEDGED]) @include(if: $withTickets) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ticketFields} } }
      }
      feedback(first: 2) { nodes { ${feedbackFields} } }
      purchases(first: 2) { nodes { quantity } }
    }
  }
}
fragment Person on Customer { name tickets(first: 1, status: [OPEN, ACKNOWLEDGED]) @include(if: $withTickets) { nodes { status } } }`;

const alias = `query { customers(first: 5) { nodes { name
  recent: tickets(first: 1) { nodes { id status } }
  open: tickets(first: 5, status: [OPEN]) { nodes { id status team { name } } }
} } }`;

let token: string;

beforeAll(async () => {
  const em = db.orm.em.fork();
  const teams = [await makeTeam(em), await makeTeam(em, { npsThreshold: 7 })];
  const member = await makeMember(em, teams[0]!);
  token = await makeToken(em, 'ADMIN', member);
  const product = await makeProduct(em);
  for (let i = 0; i < 12; i++) {
    const customer = await makeCustomer(em, teams[i % 2]!, {
      city: i % 3 ? 'Utrecht' : null,
      region: 'Utrecht',
      birthDate: `1990-04-0${(i % 9) + 1}`,
      slackUserId: i % 4 ? `U${i}` : null,
      surveyConsent: i % 5 !== 0,
    });
    const customerId = gid('Customer', customer.id);
    for (const nps of i % 2 ? [9, 2, 4] : [10]) {
      await ahead(token, `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }`, {
        i: {
          customerId,
          nps,
          csat: 3,
          intentKeepBuying: 4,
          comment: `said ${nps}`,
          channel: 'WEB',
          idempotencyKey: crypto.randomUUID(),
        },
      });
    }
    if (i % 3 === 0) {
      await ahead(token, `mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { __typename } }`, {
        i: { customerId, productSku: product.sku, quantity: 2, amountMinor: 1500, currency: 'EUR' },
      });
    }
  }
  // Some tickets move on: claimed, acknowledged, resolved.
  const { data } = await ahead(token, '{ tickets(first: 20) { nodes { id } } }');
  const ids: string[] = data.tickets.nodes.map((n: { id: string }) => n.id);
  for (const [i, ticketId] of ids.entries()) {
    await ahead(token, 'mutation($i: ClaimTicketInput!) { claimTicket(input: $i) { __typename } }', {
      i: { ticketId },
    });
    if (i % 2) {
      await ahead(token, 'mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }', {
        i: { ticketId },
      });
    }
    if (i % 3 === 0) {
      await ahead(token, 'mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }', {
        i: { ticketId },
      });
      await ahead(token, 'mutation($i: ResolveTicketInput!) { resolveTicket(input: $i) { __typename } }', {
        i: { ticketId, resolution: 'Called and refunded' },
      });
    }
  }
});

describe('the customer list in one statement', () => {
  it.each([
    ['the first page', { first: 5, withTickets: true }],
    ['all of them', { first: 50, withTickets: true }],
    ['by name', { first: 4, sort: 'NAME_ASC', withTickets: true }],
    ['filtered', { first: 10, filter: { city: 'utrecht', hasOpenTicket: true }, withTickets: true }],
    ['tickets left out by @include', { first: 10, withTickets: false }],
  ])('answers %s exactly as the entity path does', async (_name, variables) => {
    const expected = await entities(token, everything, variables);
    expect(expected.errors).toBeUndefined();
    expect(expected.data.customers.nodes.length).toBeGreaterThan(0);
    expect(await ahead(token, everything, variables)).toEqual(expected);
  });

  it('pages through the same customers with either path’s cursors', async () => {
    const pages = async (client: typeof ahead, other: typeof ahead) => {
      const names: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        // Alternate the paths: each must take the other's cursors.
        const { data }: { data?: any } = await (page % 2 ? other : client)(token, everything, {
          first: 5,
          after,
          withTickets: false,
        });
        names.push(...data.customers.nodes.map((n: { name: string }) => n.name));
        if (!data.customers.pageInfo.hasNextPage) break;
        after = data.customers.pageInfo.endCursor;
      }
      return names;
    };
    const names = await pages(ahead, entities);
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
    expect(await pages(entities, ahead)).toEqual(names);
  });

  it('answers tickets asked for with different arguments through aliases', async () => {
    const expected = await entities(token, alias);
    expect(expected.data.customers.nodes.some((n: any) => n.open.nodes.length > 0)).toBe(true);
    expect(await ahead(token, alias)).toEqual(expected);
  });

  it('reads the main list with one SQL statement', async () => {
    await ahead(token, '{ viewer { role } }'); // the token is looked up once and then cached
    db.statements.length = 0;
    const { data, errors } = await ahead(token, frontendOperations.customerList, { first: 50 });
    expect(errors).toBeUndefined();
    expect(data.customers.nodes).toHaveLength(12);
    expect(db.statements).toHaveLength(1);
  });

  it('refuses a cursor that is not one of the list’s', async () => {
    const { errors } = await ahead(token, everything, { first: 5, after: 'bm90IGEgY3Vyc29y', withTickets: false });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'after' });
  });
});
