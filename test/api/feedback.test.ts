import { describe, expect, it } from 'vitest';
import { Feedback, Ticket, TicketEvent } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const submit = `mutation Submit($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) {
    __typename
    ... on SubmitFeedbackResult {
      replayed
      feedback { id nps csat comment channel npsCategory customer { id } }
      ticket { id status kind ackDueAt resolveDueAt createdAt events { nodes { type actorName channel toStatus } } }
    }
    ... on Error { code field message }
  }
}`;

async function setup(thresholds: { npsThreshold?: number; csatThreshold?: number } = {}) {
  const em = db.orm.em.fork();
  const team = await makeTeam(em, thresholds);
  const customer = await makeCustomer(em, team);
  const token = await makeToken(em);
  const customerId = gid('Customer', customer.id);
  const send = (input: Record<string, unknown>) =>
    graphql(token, submit, { input: { customerId, channel: 'WEB', idempotencyKey: crypto.randomUUID(), ...input } });
  const counts = async () => {
    const fresh = db.orm.em.fork();
    return {
      feedback: await fresh.count(Feedback, { customer: customer.id }),
      tickets: await fresh.count(Ticket, { customer: customer.id }),
      events: await fresh.count(TicketEvent, { ticket: { customer: customer.id } }),
    };
  };
  return { team, customer, customerId, token, send, counts };
}

describe('submitFeedback', () => {
  it('stores a good answer without opening a ticket', async () => {
    const { send, counts, customerId } = await setup();
    const { data } = await send({ nps: 9, comment: 'Great coffee' });
    expect(data.submitFeedback).toMatchObject({
      __typename: 'SubmitFeedbackResult',
      replayed: false,
      feedback: {
        nps: 9,
        npsCategory: 'PROMOTER',
        comment: 'Great coffee',
        channel: 'WEB',
        customer: { id: customerId },
      },
      ticket: null,
    });
    expect(await counts()).toEqual({ feedback: 1, tickets: 0, events: 0 });
  });

  it('opens a recovery ticket for NPS 6 with a 24-hour acknowledgement SLA', async () => {
    const { send, counts } = await setup();
    const { data } = await send({ nps: 6, comment: 'Late delivery' });
    const ticket = data.submitFeedback.ticket;
    expect(ticket).toMatchObject({ status: 'OPEN', kind: 'SERVICE_RECOVERY' });
    const opened = Date.parse(ticket.createdAt);
    expect(Date.parse(ticket.ackDueAt) - opened).toBe(24 * 3_600_000);
    expect(Date.parse(ticket.resolveDueAt) - opened).toBe(72 * 3_600_000);
    expect(ticket.events.nodes).toEqual([
      { type: 'OPENED', actorName: 'loyalty-loop', channel: 'SYSTEM', toStatus: 'OPEN' },
    ]);
    expect(await counts()).toEqual({ feedback: 1, tickets: 1, events: 1 });
  });

  it.each([
    [{ nps: 7 }, {}, false],
    [{ csat: 2 }, {}, true],
    [{ csat: 3 }, {}, false],
    [{ nps: 8 }, { npsThreshold: 8 }, true],
    [{ nps: 4 }, { npsThreshold: 3 }, false],
    [{ csat: 3 }, { csatThreshold: 3 }, true],
  ])('answer %o with team thresholds %o opens a ticket: %s', async (answer, thresholds, opens) => {
    const { send } = await setup(thresholds);
    const { data } = await send(answer);
    expect(data.submitFeedback.ticket !== null).toBe(opens);
  });

  it('opens no ticket for a low answer given more than 7 days before it is sent (history), and one for 6 days', async () => {
    const { send } = await setup();
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const old = await send({ nps: 2, submittedAt: daysAgo(8) });
    expect(old.data.submitFeedback).toMatchObject({ __typename: 'SubmitFeedbackResult', ticket: null });
    const late = await send({ nps: 2, submittedAt: daysAgo(6) });
    expect(late.data.submitFeedback.ticket).toMatchObject({ status: 'OPEN', kind: 'SERVICE_RECOVERY' });
  });

  it('stores a retried submission once and returns the first result', async () => {
    const { send, counts } = await setup();
    const input = { nps: 3, idempotencyKey: `form-retry-1-${crypto.randomUUID()}` };
    const first = await send(input);
    const second = await send(input);
    expect(second.data.submitFeedback.replayed).toBe(true);
    expect(second.data.submitFeedback.feedback.id).toBe(first.data.submitFeedback.feedback.id);
    expect(second.data.submitFeedback.ticket.id).toBe(first.data.submitFeedback.ticket.id);
    expect(await counts()).toEqual({ feedback: 1, tickets: 1, events: 1 });
  });

  it('stores exactly one answer when the same key arrives many times at once', async () => {
    const { send, counts } = await setup();
    const input = { nps: 2, idempotencyKey: crypto.randomUUID() };
    const results = await Promise.all(Array.from({ length: 12 }, () => send(input)));
    const ids = new Set(results.map((r) => r.data.submitFeedback.feedback.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.data.submitFeedback.replayed)).toHaveLength(1);
    expect(await counts()).toEqual({ feedback: 1, tickets: 1, events: 1 });
  });

  it('refuses the same key with a different answer, naming the key', async () => {
    const { send, counts } = await setup();
    const idempotencyKey = crypto.randomUUID();
    await send({ nps: 8, idempotencyKey });
    const { data } = await send({ nps: 2, idempotencyKey });
    expect(data.submitFeedback).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      field: 'input.idempotencyKey',
    });
    expect(await counts()).toEqual({ feedback: 1, tickets: 0, events: 0 });
  });

  it('adds a second low answer to the open ticket instead of opening another', async () => {
    const { send, counts } = await setup();
    const first = await send({ nps: 4 });
    const second = await send({ csat: 1 });
    expect(second.data.submitFeedback.ticket.id).toBe(first.data.submitFeedback.ticket.id);
    expect(second.data.submitFeedback.ticket.events.nodes[0]).toMatchObject({ type: 'NOTE', channel: 'SYSTEM' });
    expect(await counts()).toEqual({ feedback: 2, tickets: 1, events: 2 });
  });

  it.each([
    [{ nps: 11 }, 'input.nps', /between 0 and 10/],
    [{ nps: -1 }, 'input.nps', /between 0 and 10/],
    [{ csat: 0 }, 'input.csat', /between 1 and 5/],
    [{ needsMet: 6 }, 'input.needsMet', /between 1 and 5/],
    [{ nps: 5, comment: 'x'.repeat(5001) }, 'input.comment', /at most 5000/],
    [{ nps: 5, idempotencyKey: '   ' }, 'input.idempotencyKey', /must not be empty/],
    [{ nps: 5, submittedAt: '2099-01-01T00:00:00Z' }, 'input.submittedAt', /future/],
    [{ comment: 'no score' }, 'input.nps', /at least one answer/],
  ])('rejects %o with a ValidationError on %s and writes nothing', async (input, field, message) => {
    const { send, counts } = await setup();
    const { data } = await send(input);
    expect(data.submitFeedback).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field });
    expect(data.submitFeedback.message).toMatch(message);
    expect(await counts()).toEqual({ feedback: 0, tickets: 0, events: 0 });
  });

  it('answers an unknown customer with NotFoundError on input.customerId', async () => {
    const { token } = await setup();
    const { data } = await graphql(token, submit, {
      input: { customerId: gid('Customer', 999_999), nps: 3, channel: 'API', idempotencyKey: crypto.randomUUID() },
    });
    expect(data.submitFeedback).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      field: 'input.customerId',
    });
  });

  it('answers an id of the wrong type with ValidationError on input.customerId', async () => {
    const { token } = await setup();
    const { data } = await graphql(token, submit, {
      input: { customerId: gid('Team', 1), nps: 3, channel: 'API', idempotencyKey: crypto.randomUUID() },
    });
    expect(data.submitFeedback).toMatchObject({ __typename: 'ValidationError', field: 'input.customerId' });
  });

  it('stores an answer that is not low in one SQL statement, with no transaction round trips', async () => {
    const { send, counts, token, customerId } = await setup();
    await send({ nps: 8 }); // the token lookup is cached from here on
    db.statements.length = 0;
    const { data } = await graphql(
      token,
      `mutation($input: SubmitFeedbackInput!) {
        submitFeedback(input: $input) { ... on SubmitFeedbackResult { replayed ticket { id } feedback { nps } } }
      }`,
      { input: { customerId, nps: 9, csat: 5, comment: 'Quick', channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    );
    expect(data.submitFeedback).toMatchObject({ replayed: false, ticket: null, feedback: { nps: 9 } });
    expect(db.statements.filter((line) => !line.includes('from "api_token"'))).toHaveLength(1);
    expect(await counts()).toEqual({ feedback: 2, tickets: 0, events: 0 });
  });

  it('answers NOT_FOUND to a member submitting for another team’s customer, high or low, and stores nothing', async () => {
    const { counts, customerId } = await setup();
    const em = db.orm.em.fork();
    const otherTeam = await makeTeam(em);
    const memberToken = await makeToken(em, 'MEMBER', await makeMember(em, otherTeam));
    for (const nps of [10, 1]) {
      const { data } = await graphql(memberToken, submit, {
        input: { customerId, nps, channel: 'WEB', idempotencyKey: crypto.randomUUID() },
      });
      expect(data.submitFeedback).toMatchObject({ __typename: 'NotFoundError', field: 'input.customerId' });
    }
    expect(await counts()).toEqual({ feedback: 0, tickets: 0, events: 0 });
  });

  it('keeps the customer’s latest NPS from the newest answer, whatever the arrival order', async () => {
    const { send, customerId, token } = await setup();
    await send({ nps: 10, submittedAt: '2026-03-01T00:00:00Z' });
    await send({ nps: 2, submittedAt: '2026-01-01T00:00:00Z' });
    const { data } = await graphql(
      token,
      `query($id: ID!) { customer(id: $id) { figures { latestNps npsCategory } } }`,
      {
        id: customerId,
      },
    );
    expect(data.customer.figures).toEqual({ latestNps: 10, npsCategory: 'PROMOTER' });
  });
});
