import { MikroORM } from '@mikro-orm/postgresql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ormConfig } from '../../db/mikro-orm.config.ts';
import { demoAdminToken } from '../../db/seeders/demo-token.ts';
import { issueToken } from '../../domain/access/api-tokens.ts';
import { sweepChurn } from '../../domain/tickets/win-back.ts';
import { workerDatabaseUrl } from '../support/database.ts';
import { eventually } from '../support/fake-slack.ts';
import { graphqlAt, type ServerProcess, startServer } from '../support/server-process.ts';

let a: ServerProcess;
let b: ServerProcess;
let orm: MikroORM;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  a = await startServer('_live');
  b = await startServer('_live', {}, { fresh: false });
  orm = await MikroORM.init(ormConfig({ databaseUrl: workerDatabaseUrl('_live').url }));
}, 60_000);

afterAll(async () => {
  for (const close of closers) await close();
  a?.kill();
  b?.kill();
  await orm?.close(true);
});

const data = async (base: string, query: string, variables = {}) => {
  const { json } = await graphqlAt(base, query, variables);
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
};

/** Collects what a subscription sends, from an async iterator of results. */
function collect(results: AsyncIterable<{ data?: any; errors?: readonly any[] }>) {
  const received: any[] = [];
  const errors: any[] = [];
  void (async () => {
    for await (const result of results) {
      if (result.errors) errors.push(...result.errors);
      if (result.data) received.push(result.data);
    }
  })().catch((error) => errors.push(error));
  return { received, errors };
}

function sseClient(base: string, token: string) {
  const client = createSseClient({ url: `${base}/graphql`, headers: { authorization: `Bearer ${token}` } });
  closers.push(() => client.dispose());
  return client;
}

function wsClient(base: string, token: string) {
  const client = createWsClient({
    url: `${base.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  closers.push(() => client.dispose());
  return client;
}

async function teamsWithCustomers() {
  const { teams } = await data(a.base, '{ teams { id name members { email role } } }');
  const pick = async (team: { id: string }) => {
    const { customers } = await data(
      a.base,
      'query($t: [ID!]) { customers(first: 1, filter: { teamIds: $t, hasOpenTicket: false }) { nodes { id } } }',
      { t: [team.id] },
    );
    return customers.nodes[0].id as string;
  };
  return Promise.all(teams.slice(0, 2).map(async (team: any) => ({ ...team, customerId: await pick(team) })));
}

const lowScore = (customerId: string) => ({
  i: { customerId, nps: 2, comment: 'Te laat geleverd', channel: 'WEB', idempotencyKey: crypto.randomUUID() },
});
const submit = `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { feedback { id } ticket { id } } } }`;

// The subscription has been set up on the server once it answers a change; until then, nudge.
const settled = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('subscriptions, fed by the database to every API process', () => {
  it('an SSE client on one process hears a ticket changed through another, as the change is committed', async () => {
    const [team] = await teamsWithCustomers();
    const subscription = collect(
      sseClient(a.base, demoAdminToken).iterate({
        query: `subscription($t: [ID!]) { ticketChanged(teamIds: $t) { change ticket { id status team { name } } } }`,
        variables: { t: [team.id] },
      }),
    );
    await settled();
    const { submitFeedback } = await data(b.base, submit, lowScore(team.customerId));
    const ticketId = submitFeedback.ticket.id;
    await data(b.base, 'mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }', {
      i: { ticketId, note: 'Bel de klant' },
    });
    await eventually(() => subscription.received.length >= 2);
    expect(subscription.errors).toEqual([]);
    expect(subscription.received.map((r) => [r.ticketChanged.change, r.ticketChanged.ticket.status])).toEqual([
      ['OPENED', 'OPEN'],
      ['ACKNOWLEDGED', 'ACKNOWLEDGED'],
    ]);
    expect(subscription.received[0].ticketChanged.ticket).toMatchObject({ id: ticketId, team: { name: team.name } });
  });

  it('a graphql-ws client hears answers and the tickets the churn check opens with no API call', async () => {
    const [team] = await teamsWithCustomers();
    const client = wsClient(a.base, demoAdminToken);
    const feedback = collect(
      client.iterate({ query: 'subscription { feedbackReceived { id nps comment customer { id } } }' }),
    );
    const tickets = collect(client.iterate({ query: 'subscription { ticketChanged { change ticket { id kind } } }' }));
    await settled();
    const { submitFeedback } = await data(b.base, submit, lowScore(team.customerId));
    await eventually(() => feedback.received.length >= 1);
    expect(feedback.received[0].feedbackReceived).toMatchObject({
      id: submitFeedback.feedback.id,
      nps: 2,
      comment: 'Te laat geleverd',
      customer: { id: team.customerId },
    });
    // The churn check, as a background process runs it: straight on the database.
    const { opened } = await sweepChurn(orm.em.fork(), { riskThreshold: 1, cooldownDays: 0 }, 500);
    expect(opened.length).toBeGreaterThan(0);
    await eventually(() => tickets.received.filter((r) => r.ticketChanged.ticket.kind === 'WIN_BACK').length);
    expect(tickets.received.filter((r) => r.ticketChanged.ticket.kind === 'WIN_BACK')[0].ticketChanged.change).toBe(
      'OPENED',
    );
    expect(feedback.errors.concat(tickets.errors)).toEqual([]);
  });

  it('a member hears their own team only, whatever they ask for', async () => {
    const [own, other] = await teamsWithCustomers();
    const member = own.members.find((m: { role: string }) => m.role === 'ACCOUNT_MANAGER');
    const { secret } = await issueToken(orm.em.fork(), {
      name: 'live member',
      role: 'MEMBER',
      memberEmail: member.email,
      customerId: null,
    });
    const asked = collect(
      wsClient(a.base, secret).iterate({
        query: 'subscription($t: [ID!]) { ticketChanged(teamIds: $t) { ticket { id team { id } } } }',
        variables: { t: [other.id] },
      }),
    );
    const all = collect(
      sseClient(b.base, secret).iterate({ query: 'subscription { ticketChanged { ticket { id team { id } } } }' }),
    );
    await settled();
    await data(b.base, submit, lowScore(other.customerId));
    const { submitFeedback } = await data(a.base, submit, lowScore(own.customerId));
    await eventually(() => all.received.length >= 1);
    await settled();
    expect(all.received.map((r) => r.ticketChanged.ticket)).toEqual([
      { id: submitFeedback.ticket.id, team: { id: own.id } },
    ]);
    expect(asked.received).toEqual([]);
    expect(asked.errors.concat(all.errors)).toEqual([]);
  });

  it('queue counts come at once and again when a ticket of the team changes', async () => {
    const [team] = await teamsWithCustomers();
    const counts = collect(
      sseClient(a.base, demoAdminToken).iterate({
        query: 'subscription($t: [ID!]) { ticketQueueCounts(teamIds: $t) { team { id } open acknowledged overdue } }',
        variables: { t: [team.id] },
      }),
    );
    await eventually(() => counts.received.length >= 1);
    const before = counts.received[0].ticketQueueCounts[0];
    expect(before.team.id).toBe(team.id);
    await data(b.base, submit, lowScore(team.customerId));
    await eventually(() => counts.received.length >= 2);
    expect(counts.received[1].ticketQueueCounts[0]).toEqual({ ...before, open: before.open + 1 });
    expect(counts.errors).toEqual([]);
  });

  it('a connection without a valid token is closed, and nobody may subscribe outside their rights', async () => {
    const refused = collect(
      wsClient(a.base, 'not-a-token').iterate({ query: 'subscription { feedbackReceived { id } } ' }),
    );
    await eventually(() => refused.errors.length);
    expect(refused.errors[0]).toMatchObject({ code: 4403 });

    const { secret } = await issueToken(orm.em.fork(), { name: 'a customer', role: 'CUSTOMER', customerId: 1 });
    const forbidden = collect(
      sseClient(a.base, secret).iterate({ query: 'subscription { ticketChanged { ticket { id } } }' }),
    );
    await eventually(() => forbidden.errors.length);
    expect(forbidden.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
