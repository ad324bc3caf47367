import { describe, expect, it } from 'vitest';
import { ApiToken, Feedback, Purchase, TicketEvent } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

async function customerWithHistory() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const customer = await makeCustomer(em, team, {
    city: 'Zwolle',
    birthDate: '1980-02-03',
    slackUserId: `U${crypto.randomUUID().slice(0, 8)}`,
  });
  const product = await makeProduct(em);
  const admin = await makeToken(em, 'ADMIN');
  const own = await makeToken(em, 'CUSTOMER');
  await em.nativeUpdate(ApiToken, { tokenHash: ApiToken.hash(own) }, { customer: customer.id });
  const id = gid('Customer', customer.id);
  await graphql(admin, `mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { __typename } }`, {
    i: { customerId: id, productSku: product.sku, quantity: 2, amountMinor: 4000, currency: 'EUR' },
  });
  const { data } = await graphql(
    admin,
    `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } } }`,
    {
      i: {
        customerId: id,
        nps: 2,
        comment: 'My address is Dorpsstraat 1',
        channel: 'WEB',
        idempotencyKey: crypto.randomUUID(),
      },
    },
  );
  await graphql(admin, `mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }`, {
    i: { ticketId: data.submitFeedback.ticket.id, note: `Called ${customer.name}` },
  });
  return { customer, id, admin, own };
}

const exportDoc = `mutation($i: ExportCustomerDataInput!) { exportCustomerData(input: $i) {
  __typename ... on ExportCustomerDataSuccess { export { data } } ... on Error { code } } }`;
const erase = `mutation($i: EraseCustomerInput!) { eraseCustomer(input: $i) {
  __typename ... on EraseCustomerSuccess { customer { name email city erasedAt slackUserId } } ... on Error { code } } }`;

describe('privacy', () => {
  it('exports everything about a customer as one JSON document, to an admin or the customer, and audits it', async () => {
    const { customer, id, admin, own } = await customerWithHistory();
    const { data } = await graphql(admin, exportDoc, { i: { customerId: id } });
    const doc = data.exportCustomerData.export.data;
    expect(doc.profile).toMatchObject({
      name: customer.name,
      email: customer.email,
      city: 'Zwolle',
      birthDate: '1980-02-03',
    });
    expect(doc.purchases).toEqual([expect.objectContaining({ quantity: 2, amountMinor: 4000, currency: 'EUR' })]);
    expect(doc.feedback).toEqual([
      expect.objectContaining({ nps: 2, comment: 'My address is Dorpsstraat 1', channel: 'WEB' }),
    ]);
    expect(doc.tickets[0].history.map((e: any) => e.type)).toEqual(['OPENED', 'ACKNOWLEDGED']);
    const mine = await graphql(own, exportDoc, { i: { customerId: id } });
    expect(mine.data.exportCustomerData.export.data.profile.id).toBe(customer.id);
    const audit = await graphql(
      admin,
      `query($id: Int) { auditLog(first: 10, entityType: "Customer", entityId: $id) { nodes { action channel } } }`,
      {
        id: customer.id,
      },
    );
    expect(audit.data.auditLog.nodes.filter((n: any) => n.action === 'customer.export')).toHaveLength(2);
  });

  it('erases personal data, keeps scores and purchases, revokes the customer’s token, records it, and is idempotent', async () => {
    const { customer, id, admin, own } = await customerWithHistory();
    const { data } = await graphql(admin, erase, { i: { customerId: id } });
    expect(data.eraseCustomer.customer).toMatchObject({
      name: `Erased customer #${customer.id}`,
      email: null,
      city: null,
      slackUserId: null,
    });
    expect(data.eraseCustomer.customer.erasedAt).not.toBeNull();
    const em = db.orm.em.fork();
    expect(await em.count(Purchase, { customer: customer.id })).toBe(1);
    const feedback = await em.find(Feedback, { customer: customer.id });
    expect(feedback.map((f) => [f.nps, f.comment])).toEqual([[2, null]]);
    const notes = await em.find(TicketEvent, { ticket: { customer: customer.id }, note: { $ne: null } });
    expect(notes.every((e) => e.note === '[erased]')).toBe(true);
    expect((await graphql(own, '{ viewer { role } }')).status).toBe(401);

    const again = await graphql(admin, erase, { i: { customerId: id } });
    expect(again.data.eraseCustomer.customer.erasedAt).toBe(data.eraseCustomer.customer.erasedAt);
    const audit = await graphql(
      admin,
      `query($id: Int) { auditLog(entityType: "Customer", entityId: $id) { nodes { action } } }`,
      { id: customer.id },
    );
    expect(audit.data.auditLog.nodes.filter((n: any) => n.action === 'customer.erase')).toHaveLength(1);
  });

  it('audits changes to customers and permissions with the fields changed, never their values', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const admin = await makeToken(em, 'ADMIN');
    await graphql(admin, `mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { __typename } }`, {
      i: { customerId: gid('Customer', customer.id), email: 'new.address@example.test', city: 'Ede' },
    });
    const { data } = await graphql(
      admin,
      `query($id: Int) { auditLog(entityType: "Customer", entityId: $id) { nodes { action changes actorName channel } } }`,
      {
        id: customer.id,
      },
    );
    expect(data.auditLog.nodes[0]).toEqual({
      action: 'customer.update',
      changes: ['email', 'city'],
      actorName: 'test ADMIN',
      channel: 'API',
    });
    expect(JSON.stringify(data)).not.toContain('new.address');
    const tokens = await graphql(
      admin,
      `{ auditLog(entityType: "ApiToken", first: 100) { nodes { action changes } } }`,
    );
    expect(tokens.data.auditLog.nodes).toContainEqual({ action: 'token.issue', changes: ['role:ADMIN'] });
  });
});
