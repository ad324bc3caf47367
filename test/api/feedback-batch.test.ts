import { describe, expect, it } from 'vitest';
import { ChatDelivery, Feedback, Ticket, TicketEvent } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from '../support/factories.ts';

// Answers that arrive together are written together (the feedback batch): these tests send
// many at once and hold the batch to what one answer at a time would have stored.
const db = useTestDatabase();
const graphql = apiClient(db);

const submit = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
  __typename
  ... on SubmitFeedbackResult { replayed feedback { id nps customer { id } } ticket { id status ackDueAt createdAt } }
  ... on Error { code field }
} }`;

const feedbackInserts = () => db.statements.filter((line) => line.includes('insert into feedback')).length;

async function setup() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  team.slackChannelId = 'C-BATCH';
  const otherTeam = await makeTeam(em);
  const customers = [
    await makeCustomer(em, team),
    await makeCustomer(em, team),
    await makeCustomer(em, otherTeam),
  ] as const;
  await em.flush();
  const token = await makeToken(em);
  const memberToken = await makeToken(em, 'MEMBER', await makeMember(em, otherTeam));
  const send = (customer: { id: number }, input: Record<string, unknown>, as = token) =>
    graphql(as, submit, {
      input: {
        customerId: gid('Customer', customer.id),
        channel: 'WEB',
        idempotencyKey: crypto.randomUUID(),
        ...input,
      },
    });
  await send(customers[2], { nps: 9 }); // both tokens are looked up once, then cached
  await send(customers[2], { nps: 9 }, memberToken);
  return { customers, token, memberToken, send };
}

describe('submitFeedback, many at once', () => {
  it('stores answers sent together in a few statements, with one recovery ticket per customer and notes for the rest', async () => {
    const { customers, send } = await setup();
    const [first, second, third] = customers;
    db.statements.length = 0;
    const answers: [{ id: number }, number][] = [
      ...Array.from({ length: 20 }, (_, i): [{ id: number }, number] => [customers[i % 3]!, 9]),
      [first, 2],
      [first, 3],
      [second, 1],
      [third, 9],
    ];
    const results = await Promise.all(answers.map(([customer, nps]) => send(customer, { nps })));
    expect(feedbackInserts()).toBeLessThanOrEqual(3);

    const submitted = results.map((result) => result.data.submitFeedback);
    expect(submitted.every((result) => result.__typename === 'SubmitFeedbackResult' && !result.replayed)).toBe(true);
    expect(new Set(submitted.map((result) => result.feedback.id)).size).toBe(answers.length);
    for (const [i, result] of submitted.entries()) {
      expect(result.feedback).toMatchObject({
        nps: answers[i]![1],
        customer: { id: gid('Customer', answers[i]![0].id) },
      });
      expect(result.ticket === null).toBe(answers[i]![1] > 6);
    }
    const [low2, low3, lowSecond] = submitted.slice(20, 23);
    expect(low3.ticket.id).toBe(low2.ticket.id);
    expect(lowSecond.ticket.id).not.toBe(low2.ticket.id);
    expect(Date.parse(low2.ticket.ackDueAt) - Date.parse(low2.ticket.createdAt)).toBe(24 * 3_600_000);

    const em = db.orm.em.fork();
    expect(await em.count(Feedback, { customer: [first.id, second.id] })).toBe(7 + 7 + 3);
    const tickets = await em.find(Ticket, { customer: [first.id, second.id] });
    expect(tickets.map((ticket) => ticket.customer.id).sort()).toEqual([first.id, second.id].sort());
    const firstTicket = tickets.find((ticket) => ticket.customer.id === first.id)!;
    expect(low2.ticket.id).toBe(gid('Ticket', firstTicket.id));
    const events = await em.find(TicketEvent, { ticket: firstTicket.id }, { orderBy: { id: 'asc' } });
    expect(events.map((event) => [event.type, event.note])).toEqual([
      ['OPENED', 'Opened by low feedback: NPS 2'],
      ['NOTE', 'Another low answer arrived: NPS 3'],
    ]);
    expect(await em.count(ChatDelivery, { ticket: tickets.map((ticket) => ticket.id), kind: 'ALERT' })).toBe(2);
  });

  it('answers each of a batch for itself: a retry, a key reused for another answer, another team’s customer', async () => {
    const { customers, send, memberToken } = await setup();
    const [mine, alsoMine, theirs] = customers;
    const key = crypto.randomUUID();
    const results = await Promise.all([
      send(mine, { nps: 9, idempotencyKey: key }),
      send(mine, { nps: 9, idempotencyKey: key }),
      send(mine, { nps: 4, idempotencyKey: key }),
      send(alsoMine, { nps: 10 }),
      send(mine, { nps: 8 }, memberToken),
      send(theirs, { nps: 8 }, memberToken),
    ]);
    const [a, b, conflict, other, outOfScope, inScope] = results.map((result) => result.data.submitFeedback);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.feedback.id).toBe(b.feedback.id);
    expect(conflict).toMatchObject({ __typename: 'ConflictError', field: 'input.idempotencyKey' });
    expect(other).toMatchObject({ __typename: 'SubmitFeedbackResult', replayed: false, ticket: null });
    expect(outOfScope).toMatchObject({ __typename: 'NotFoundError', field: 'input.customerId' });
    expect(inScope).toMatchObject({ __typename: 'SubmitFeedbackResult', replayed: false });
    const em = db.orm.em.fork();
    expect(await em.count(Feedback, { idempotencyKey: key })).toBe(1);
    expect(await em.count(Ticket, { customer: mine.id })).toBe(0);
  });

  it('when PostgreSQL refuses a batch, stores the other answers one by one and fails only the refused one', async () => {
    const { customers, send } = await setup();
    const admin = db.orm.em.fork().getConnection();
    await admin.execute(`create function refuse_answer() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await admin.execute(`create trigger refuse_answer before insert on feedback for each row
      when (new.comment = 'refuse me') execute function refuse_answer()`);
    try {
      const results = await Promise.all([
        send(customers[0], { nps: 9, comment: 'fine' }),
        send(customers[0], { nps: 9, comment: 'refuse me' }),
        send(customers[1], { nps: 2, comment: 'low but fine' }),
      ]);
      expect(results[0]!.data.submitFeedback.__typename).toBe('SubmitFeedbackResult');
      expect(results[1]!.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(results[2]!.data.submitFeedback.ticket.status).toBe('OPEN');
      const em = db.orm.em.fork();
      expect(await em.count(Feedback, { comment: ['fine', 'low but fine'] })).toBe(2);
      expect(await em.count(Feedback, { comment: 'refuse me' })).toBe(0);
      expect(await em.count(TicketEvent, { ticket: { customer: customers[1].id } })).toBe(1);
    } finally {
      await admin.execute('drop trigger refuse_answer on feedback; drop function refuse_answer()');
    }
  });
});
