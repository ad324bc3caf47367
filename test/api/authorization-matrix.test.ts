import { beforeAll, describe, expect, it } from 'vitest';
import { ApiToken } from '../../db/entities/index.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();

const roles = [
  'admin',
  'lead',
  'manager',
  'service',
  'customer',
  'bot',
  'botMember',
  'botCustomer',
  'botStranger',
] as const;
type Role = (typeof roles)[number];
type Outcome = 'ok' | 'forbidden' | 'notfound';

interface World {
  call(role: Role, query: string, variables?: Record<string, unknown>): Promise<{ data: any; errors?: any[] }>;
  ids: Record<string, string>;
}

let world: World;

/**
 * Two teams, A and B, each with a customer, feedback and an open ticket. The callers all belong
 * to team A (or are customer A); team B's objects are "another team's".
 */
beforeAll(async () => {
  const em = db.orm.em.fork();
  const [teamA, teamB] = [await makeTeam(em), await makeTeam(em)];
  const lead = await makeMember(em, teamA, 'TEAM_LEAD');
  const manager = await makeMember(em, teamA);
  manager.slackUserId = `UMGR${Date.now()}`;
  const [customerA, customerB, eraseA] = [
    await makeCustomer(em, teamA, { slackUserId: `UCUS${Date.now()}` }),
    await makeCustomer(em, teamB),
    await makeCustomer(em, teamA),
  ];
  await em.flush();
  const product = await makeProduct(em);
  const tokens: Record<string, string> = {
    admin: await makeToken(em, 'ADMIN'),
    lead: await makeToken(em, 'MEMBER', lead),
    manager: await makeToken(em, 'MEMBER', manager),
    service: await makeToken(em, 'SERVICE'),
    customer: await makeToken(em, 'CUSTOMER'),
    bot: await makeToken(em, 'BOT'),
  };
  await em.nativeUpdate(ApiToken, { tokenHash: ApiToken.hash(tokens.customer!) }, { customer: customerA.id });
  const chatUsers: Partial<Record<Role, string>> = {
    botMember: `slack:${manager.slackUserId}`,
    botCustomer: `slack:${customerA.slackUserId}`,
    botStranger: 'slack:UNKNOWN',
  };
  const app = createApp({ orm: db.orm, logger: createLogger('silent') });
  const call: World['call'] = async (role, query, variables = {}) => {
    const token = tokens[role] ?? tokens.bot!;
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(chatUsers[role] && { 'x-chat-user': chatUsers[role] }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: any; errors?: any[] };
  };
  const ids: Record<string, string> = {
    teamA: gid('Team', teamA.id),
    teamB: gid('Team', teamB.id),
    customerA: gid('Customer', customerA.id),
    customerB: gid('Customer', customerB.id),
    eraseA: gid('Customer', eraseA.id),
    manager: gid('TeamMember', manager.id),
    sku: product.sku,
  };
  for (const side of ['A', 'B']) {
    const { data } = await call(
      'admin',
      `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { feedback { id } ticket { id } } } }`,
      { i: { customerId: ids[`customer${side}`], nps: 1, channel: 'API', idempotencyKey: crypto.randomUUID() } },
    );
    ids[`ticket${side}`] = data.submitFeedback.ticket.id;
    ids[`feedback${side}`] = data.submitFeedback.feedback.id;
  }
  world = { call, ids };
});

/** What the caller got: the data, "not found" (null or NotFoundError), or FORBIDDEN. */
function outcome(result: { data: any; errors?: any[] }): Outcome {
  const code = result.errors?.[0]?.extensions?.code;
  if (code === 'FORBIDDEN') return 'forbidden';
  if (code === 'NOT_FOUND') return 'notfound';
  if (result.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  const value = Object.values(result.data ?? {})[0] as any;
  if (value === null) return 'notfound';
  if (value?.__typename === 'ForbiddenError') return 'forbidden';
  if (value?.__typename === 'NotFoundError') return 'notfound';
  return 'ok';
}

const ok: Outcome = 'ok';
const no: Outcome = 'forbidden';
const nf: Outcome = 'notfound';

// One row per operation and target; the columns follow `roles`:
//   admin, lead, manager, service, customer, bot, botMember, botCustomer, botStranger
const matrix: [string, string, (ids: Record<string, string>) => Record<string, unknown>, Outcome[]][] = [
  ['teams', '{ teams { id } }', () => ({}), [ok, ok, ok, ok, no, ok, ok, no, no]],
  [
    'customer (own team)',
    'query($id: ID!) { customer(id: $id) { id } }',
    (i) => ({ id: i.customerA }),
    [ok, ok, ok, ok, ok, ok, ok, ok, no],
  ],
  [
    'customer (other team)',
    'query($id: ID!) { customer(id: $id) { id } }',
    (i) => ({ id: i.customerB }),
    [ok, nf, nf, ok, nf, ok, nf, nf, no],
  ],
  [
    'node ticket (own team)',
    'query($id: ID!) { node(id: $id) { id } }',
    (i) => ({ id: i.ticketA }),
    [ok, ok, ok, ok, nf, ok, ok, nf, nf],
  ],
  [
    'node ticket (other team)',
    'query($id: ID!) { node(id: $id) { id } }',
    (i) => ({ id: i.ticketB }),
    [ok, nf, nf, ok, nf, ok, nf, nf, nf],
  ],
  [
    'node feedback (other team)',
    'query($id: ID!) { node(id: $id) { id } }',
    (i) => ({ id: i.feedbackB }),
    [ok, nf, nf, ok, nf, ok, nf, nf, nf],
  ],
  ['customers', '{ customers { totalCount } }', () => ({}), [ok, ok, ok, ok, ok, ok, ok, ok, no]],
  ['feedback', '{ feedback { totalCount } }', () => ({}), [ok, ok, ok, ok, ok, ok, ok, ok, no]],
  ['tickets', '{ tickets { totalCount } }', () => ({}), [ok, ok, ok, ok, no, ok, ok, no, no]],
  ['viewer', '{ viewer { role } }', () => ({}), [ok, ok, ok, ok, ok, ok, ok, ok, ok]],
  ['auditLog', '{ auditLog { totalCount } }', () => ({}), [ok, no, no, no, no, no, no, no, no]],
  [
    'loyaltyReport',
    'query { loyaltyReport(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { start } }',
    () => ({}),
    [ok, ok, ok, ok, no, no, ok, no, no],
  ],
  [
    'recoveryParadox',
    'query { recoveryParadox(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { all { tickets } } }',
    () => ({}),
    [ok, ok, ok, ok, no, no, ok, no, no],
  ],
  ['segments', '{ segments { id } }', () => ({}), [ok, ok, ok, ok, no, no, ok, no, no]],
  [
    'createSegment',
    'mutation($i: SegmentInput!) { createSegment(input: $i) { __typename } }',
    () => ({ i: { name: `Matrix ${crypto.randomUUID()}`, filter: { city: 'Gouda' } } }),
    [ok, ok, ok, ok, no, no, ok, no, no],
  ],
  [
    'customer loyalty (own team)',
    'query($id: ID!) { customer(id: $id) { loyalty { category } } }',
    (i) => ({ id: i.customerA }),
    [ok, ok, ok, ok, no, ok, ok, no, no],
  ],
  [
    'customer loyalty (other team)',
    'query($id: ID!) { customer(id: $id) { loyalty { category } } }',
    (i) => ({ id: i.customerB }),
    [ok, nf, nf, ok, nf, ok, nf, nf, no],
  ],
  [
    'customer rewards (own)',
    'query($id: ID!) { customer(id: $id) { rewards { balance } } }',
    (i) => ({ id: i.customerA }),
    [ok, ok, ok, ok, ok, ok, ok, ok, no],
  ],
  [
    'grantPoints (own team)',
    'mutation($i: PointsInput!) { grantPoints(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerA, points: 10, reason: 'Birthday' } }),
    [ok, ok, ok, ok, no, no, ok, no, no],
  ],
  [
    'grantPoints (other team)',
    'mutation($i: PointsInput!) { grantPoints(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerB, points: 10, reason: 'Birthday' } }),
    [ok, nf, nf, ok, no, no, nf, no, no],
  ],
  [
    'grantGoodwill (other team)',
    'mutation($i: GoodwillInput!) { grantGoodwill(input: $i) { __typename } }',
    (i) => ({ i: { ticketId: i.ticketB, points: 50, reason: 'Sorry' } }),
    [ok, nf, nf, no, no, no, nf, no, no],
  ],
  [
    'createCustomer (own team)',
    'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { __typename } }',
    (i) => ({ i: { teamId: i.teamA, name: 'New' } }),
    [ok, ok, ok, ok, no, no, ok, no, no],
  ],
  [
    'createCustomer (other team)',
    'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { __typename } }',
    (i) => ({ i: { teamId: i.teamB, name: 'New' } }),
    [ok, nf, nf, ok, no, no, nf, no, no],
  ],
  [
    'updateCustomer (own)',
    'mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerA, city: 'Gouda' } }),
    [ok, ok, ok, ok, ok, no, ok, ok, no],
  ],
  [
    'updateCustomer (other team)',
    'mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerB, city: 'Gouda' } }),
    [ok, nf, nf, ok, nf, no, nf, nf, no],
  ],
  [
    'updateCustomer moving team',
    'mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerA, teamId: i.teamA } }),
    [ok, no, no, ok, no, no, no, no, no],
  ],
  [
    'recordPurchase (own team)',
    'mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerA, productSku: i.sku, quantity: 1, amountMinor: 100, currency: 'EUR' } }),
    [ok, ok, ok, ok, no, no, ok, no, no],
  ],
  [
    'recordPurchase (other team)',
    'mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerB, productSku: i.sku, quantity: 1, amountMinor: 100, currency: 'EUR' } }),
    [ok, nf, nf, ok, no, no, nf, no, no],
  ],
  [
    'submitFeedback (own)',
    'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerA, nps: 9, channel: 'API', idempotencyKey: crypto.randomUUID() } }),
    [ok, ok, ok, ok, ok, no, ok, ok, no],
  ],
  [
    'submitFeedback (other team)',
    'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerB, nps: 9, channel: 'API', idempotencyKey: crypto.randomUUID() } }),
    [ok, nf, nf, ok, nf, no, nf, nf, no],
  ],
  [
    'addFeedbackComment (other team)',
    'mutation($i: AddFeedbackCommentInput!) { addFeedbackComment(input: $i) { __typename } }',
    (i) => ({ i: { feedbackId: i.feedbackB, comment: 'x' } }),
    [ok, nf, nf, ok, nf, no, nf, nf, no],
  ],
  [
    'addTicketNote (own team)',
    'mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { __typename } }',
    (i) => ({ i: { ticketId: i.ticketA, note: 'checked' } }),
    [ok, ok, ok, no, no, no, ok, no, no],
  ],
  [
    'addTicketNote (other team)',
    'mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { __typename } }',
    (i) => ({ i: { ticketId: i.ticketB, note: 'checked' } }),
    [ok, nf, nf, no, no, no, nf, no, no],
  ],
  [
    'acknowledgeTicket (other team)',
    'mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }',
    (i) => ({ i: { ticketId: i.ticketB } }),
    [ok, nf, nf, no, no, no, nf, no, no],
  ],
  [
    'assignTicket (own team)',
    'mutation($i: AssignTicketInput!) { assignTicket(input: $i) { __typename } }',
    (i) => ({ i: { ticketId: i.ticketA, assigneeId: i.manager } }),
    [ok, ok, no, no, no, no, no, no, no],
  ],
  [
    'sendSurvey (own team)',
    'mutation($i: SendSurveyInput!) { sendSurvey(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerA, platform: 'SLACK', idempotencyKey: 'survey-matrix' } }),
    [ok, ok, ok, ok, no, no, ok, no, no],
  ],
  [
    'exportCustomerData (own)',
    'mutation($i: ExportCustomerDataInput!) { exportCustomerData(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerA } }),
    [ok, no, no, no, ok, no, no, ok, no],
  ],
  [
    'exportCustomerData (other team)',
    'mutation($i: ExportCustomerDataInput!) { exportCustomerData(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.customerB } }),
    [ok, no, no, no, nf, no, no, nf, no],
  ],
  [
    'eraseCustomer',
    'mutation($i: EraseCustomerInput!) { eraseCustomer(input: $i) { __typename } }',
    (i) => ({ i: { customerId: i.eraseA } }),
    [ok, no, no, no, no, no, no, no, no],
  ],
  [
    'createTeam',
    'mutation { createTeam(input: { name: "Matrix" }) { __typename } }',
    () => ({}),
    [ok, no, no, no, no, no, no, no, no],
  ],
  [
    'updateTeamMember',
    'mutation($i: UpdateTeamMemberInput!) { updateTeamMember(input: $i) { __typename } }',
    (i) => ({ i: { memberId: i.manager, role: 'ACCOUNT_MANAGER' } }),
    [ok, no, no, no, no, no, no, no, no],
  ],
  [
    'claimChatDeliveries',
    'mutation { claimChatDeliveries(platform: DISCORD, limit: 1) { __typename } }',
    () => ({}),
    [no, no, no, no, no, ok, no, no, no],
  ],
  [
    'ticketForChatMessage',
    '{ ticketForChatMessage(platform: SLACK, messageRef: "none") { id } }',
    () => ({}),
    [no, no, no, no, no, nf, no, no, no],
  ],
];

describe('authorization matrix: every role against every query and mutation', () => {
  it.each(matrix)('%s', async (_name, query, variables, expected) => {
    const got: Record<string, Outcome> = {};
    for (const role of roles) got[role] = outcome(await world.call(role, query, variables(world.ids)));
    expect(got).toEqual(Object.fromEntries(roles.map((role, index) => [role, expected[index]])));
  });

  it('scopes lists: a team member sees their own team only, a customer only themselves', async () => {
    const count = async (role: Role, query: string) => Object.values((await world.call(role, query)).data)[0] as any;
    expect((await count('lead', '{ teams { id } }')).map((t: any) => t.id)).toEqual([world.ids.teamA]);
    const customerIds = async (role: Role) =>
      (await world.call(role, '{ customers(first: 100) { nodes { id } } }')).data.customers.nodes.map((n: any) => n.id);
    expect(await customerIds('customer')).toEqual([world.ids.customerA]);
    expect(await customerIds('manager')).not.toContain(world.ids.customerB);
    expect(await customerIds('manager')).toContain(world.ids.customerA);
    expect(await customerIds('admin')).toContain(world.ids.customerB);
    const ticketIds = async (role: Role, filter = '') =>
      (await world.call(role, `{ tickets(first: 100${filter}) { nodes { id } } }`)).data.tickets.nodes.map(
        (n: any) => n.id,
      );
    expect(await ticketIds('botMember')).toEqual([world.ids.ticketA]);
    expect(await ticketIds('manager', `, filter: { teamIds: ["${world.ids.teamB}"] }`)).toEqual([]);
  });
});
