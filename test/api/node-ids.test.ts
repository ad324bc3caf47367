import { describe, expect, it } from 'vitest';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

describe('global ids on every object a client caches', () => {
  it('ticket events, ledger entries and audit entries are nodes, seen only by who may see them', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const otherTeam = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const admin = await makeToken(em);
    const ownMember = await makeToken(em, 'MEMBER', await makeMember(em, team));
    const otherMember = await makeToken(em, 'MEMBER', await makeMember(em, otherTeam));
    const customerId = gid('Customer', customer.id);

    const low = await graphql(
      admin,
      `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { events(first: 1) { nodes { id type } } } } } }`,
      { i: { customerId, nps: 2, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    );
    const event = low.data.submitFeedback.ticket.events.nodes[0];
    const granted = await graphql(
      admin,
      'mutation($i: PointsInput!) { grantPoints(input: $i) { ... on GrantPointsSuccess { entry { id points } } } }',
      { i: { customerId, points: 25, reason: 'Excuses', idempotencyKey: crypto.randomUUID() } },
    );
    const entry = granted.data.grantPoints.entry;
    await graphql(admin, 'mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { __typename } }', {
      i: { customerId, city: 'Delft' },
    });
    const audit = await graphql(
      admin,
      'query($s: ID!) { auditLog(first: 5, subjectId: $s) { nodes { id action subjectId } } }',
      {
        s: customerId,
      },
    );
    expect(audit.errors).toBeUndefined();
    const auditEntry = audit.data.auditLog.nodes[0];
    expect(auditEntry).toMatchObject({ action: 'customer.update', subjectId: customerId });

    const nodes = `query($ids: [ID!]!) { nodes(ids: $ids) {
      __typename id
      ... on TicketEvent { type ticket { customer { id } } }
      ... on RewardEntry { points }
      ... on AuditEntry { action }
    } }`;
    const ids = [event.id, entry.id, auditEntry.id];
    const asAdmin = await graphql(admin, nodes, { ids });
    expect(asAdmin.errors).toBeUndefined();
    expect(asAdmin.data.nodes).toEqual([
      { __typename: 'TicketEvent', id: event.id, type: 'OPENED', ticket: { customer: { id: customerId } } },
      { __typename: 'RewardEntry', id: entry.id, points: 25 },
      { __typename: 'AuditEntry', id: auditEntry.id, action: 'customer.update' },
    ]);
    expect((await graphql(ownMember, nodes, { ids })).data.nodes.map((n: any) => n?.__typename ?? null)).toEqual([
      'TicketEvent',
      'RewardEntry',
      null,
    ]);
    expect((await graphql(otherMember, nodes, { ids })).data.nodes).toEqual([null, null, null]);

    const wrongKind = await graphql(admin, 'query($s: ID!) { auditLog(subjectId: $s) { nodes { id } } }', {
      s: event.id,
    });
    expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'subjectId' });
  });
});
