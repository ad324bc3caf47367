import { describe, expect, it } from 'vitest';
import { ChatDelivery, Customer, Feedback, Purchase, Ticket, TicketEvent } from '../../db/entities/index.ts';
import { evaluateChurn, sweepChurn } from '../../domain/tickets/win-back.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import {
  makeCustomer,
  makeMember,
  makeMonthlyPurchases,
  makeProduct,
  makeTeam,
  makeToken,
} from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);
const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);
const policy = { riskThreshold: 60, cooldownDays: 30 };

/** A good customer: bought every month from 15 to 4 months ago, scored 9 and 10, then a 3 and silence. */
async function lapsingCustomer() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  team.slackChannelId = 'C-WINBACK';
  const customer = await makeCustomer(em, team);
  await makeMonthlyPurchases(em, customer, 450, 120);
  for (const [nps, days] of [
    [9, 300],
    [10, 200],
    [3, 5],
  ] as const) {
    em.create(Feedback, {
      customer,
      nps,
      channel: 'WEB',
      submittedAt: daysAgo(days),
      idempotencyKey: crypto.randomUUID(),
    });
  }
  await em.flush();
  return { em, team, customer };
}

describe('customer.loyalty', () => {
  it('shows the category with its reasons, churn risk with drivers, CLV, engagement and the trend', async () => {
    const { em, team, customer } = await lapsingCustomer();
    const member = await makeToken(em, 'MEMBER', await makeMember(em, team));
    const { data, errors } = await graphql(
      member,
      `query($id: ID!) { node(id: $id) { ... on Customer { loyalty {
        category reasons reasonDetails { code params text } npsCategory churnRisk { score level drivers { kind points explanation facts } }
        lifetimeValue { amountMinor currency } engagement { index } trackerDirections { nps }
        trackerTrend { nps answers } } } } }`,
      { id: gid('Customer', customer.id) },
    );
    expect(errors).toBeUndefined();
    const loyalty = data.node.loyalty;
    // 9 purchases in the last 12 months (360..120 days ago), none discounted, not a promoter now.
    expect(loyalty.category).toBe('CONVENIENCE_LOYAL');
    expect(loyalty.reasons).toEqual([
      '9 purchases in the last 12 months: a regular buyer',
      'latest NPS 3: not a promoter',
    ]);
    // The same, as codes with figures that a UI in another language can say.
    expect(loyalty.reasonDetails).toEqual([
      { code: 'REGULAR_BUYER', params: { purchases: 9 }, text: '9 purchases in the last 12 months: a regular buyer' },
      { code: 'NOT_A_PROMOTER', params: { nps: 3 }, text: 'latest NPS 3: not a promoter' },
    ]);
    expect(loyalty.npsCategory).toBe('DETRACTOR');
    // Falling NPS: 3 after 9.5 → 6.5 × 7.5 = 48.75, capped at 30. No purchase for 120 days against 12 × 90/365 = 2.96
    // per 90 days before → 35. A detractor who stopped buying → 20.
    expect(loyalty.churnRisk).toMatchObject({ score: 85, level: 'HIGH' });
    expect(loyalty.churnRisk.drivers.map((d: any) => [d.kind, d.points])).toEqual([
      ['FALLING_PURCHASE_FREQUENCY', 35],
      ['FALLING_SCORES', 30],
      ['DETRACTOR_STOPPED_BUYING', 20],
    ]);
    expect(loyalty.churnRisk.drivers[2].facts).toEqual({ latestNps: 3, daysSinceLastPurchase: 120 });
    // AOV 20.00 × 9 a year × 3 years.
    expect(loyalty.lifetimeValue).toEqual({ amountMinor: 54_000, currency: 'EUR' });
    expect(loyalty.trackerDirections.nps).toBe('FALLING');
    expect(loyalty.trackerTrend.map((m: any) => m.nps)).toEqual([9, 10, 3]);
  });
});

describe('win-back tickets', () => {
  it('open once when a good customer’s churn risk crosses the threshold, with the drivers, through the alert path', async () => {
    const { em, customer } = await lapsingCustomer();
    const [ticket] = await evaluateChurn(em.fork(), [customer.id], policy);
    expect(ticket).toBeDefined();
    const fresh = em.fork();
    const stored = await fresh.findOneOrFail(Ticket, ticket?.id as number);
    expect(stored).toMatchObject({ kind: 'WIN_BACK', status: 'OPEN', feedback: null });
    const opened = await fresh.findOneOrFail(TicketEvent, { ticket: stored, type: 'OPENED' });
    expect(opened.note).toMatch(/^Churn risk 85\/100: 0 purchase\(s\) in the last 90 days/);
    expect(await fresh.count(ChatDelivery, { ticket: stored, kind: 'ALERT', target: 'C-WINBACK' })).toBe(1);
    expect((await fresh.findOneOrFail(Customer, customer.id)).churnRisk).toBe(85);

    // Evaluated again, and by the sweep: still above the threshold, so no new crossing and no second ticket.
    expect(await evaluateChurn(em.fork(), [customer.id], policy)).toEqual([]);
    await em.fork().nativeUpdate(Customer, customer.id, { churnRiskAt: daysAgo(2) });
    const sweep = await sweepChurn(em.fork(), policy);
    expect(sweep.opened.filter((opened) => opened.customer.id === customer.id)).toEqual([]);
    expect(await em.fork().count(Ticket, { customer, kind: 'WIN_BACK' })).toBe(1);
  });

  it('do not open for a customer without a buying habit or promoter past, nor under the threshold', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const casual = await makeCustomer(em, team);
    em.create(Feedback, {
      customer: casual,
      nps: 5,
      channel: 'WEB',
      submittedAt: daysAgo(100),
      idempotencyKey: crypto.randomUUID(),
    });
    em.create(Feedback, {
      customer: casual,
      nps: 0,
      channel: 'WEB',
      submittedAt: daysAgo(3),
      idempotencyKey: crypto.randomUUID(),
    });
    await em.flush();
    expect(await evaluateChurn(em.fork(), [casual.id], { riskThreshold: 10, cooldownDays: 30 })).toEqual([]);
    const { customer } = await lapsingCustomer();
    expect(await evaluateChurn(em.fork(), [customer.id], { riskThreshold: 90, cooldownDays: 30 })).toEqual([]);
  });
});

describe('follow-up after recovery', () => {
  it('queues the survey when a recovery ticket is resolved, not within the cooldown, and withdraws it on reopening', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const token = await makeToken(em, 'MEMBER', await makeMember(em, team));
    const customer = await makeCustomer(em, team, { slackUserId: 'U-FOLLOW', preferredChannel: 'SLACK' });
    const { data } = await graphql(
      token,
      `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { ... on SubmitFeedbackResult { feedback { submittedAt } ticket { id } } } }`,
      {
        input: {
          customerId: gid('Customer', customer.id),
          nps: 2,
          channel: 'WEB',
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    const ticketId = data.submitFeedback.ticket.id;
    const act = (name: string, input: Record<string, unknown>) =>
      graphql(
        token,
        `mutation($input: ${name[0]?.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename ... on ${name[0]?.toUpperCase()}${name.slice(1)}Success { ticket { followUpDueAt } } } }`,
        { input: { ticketId, ...input } },
      );
    await act('acknowledgeTicket', {});
    const resolved = await act('resolveTicket', { resolution: 'Replaced the order' });
    // Resolved now: 72 hours later would be within 7 days of the answer, so the cooldown decides.
    const due = new Date(resolved.data.resolveTicket.ticket.followUpDueAt).getTime();
    const answered = new Date(data.submitFeedback.feedback.submittedAt).getTime();
    expect(due).toBe(answered + 7 * day);
    const survey = await em.fork().findOneOrFail(ChatDelivery, { customer, kind: 'SURVEY' });
    expect(survey).toMatchObject({ platform: 'SLACK', target: 'U-FOLLOW' });
    expect(survey.nextAttemptAt.getTime()).toBe(due);

    const dueList = `query($before: DateTime!) { tickets(filter: { followUpDueBefore: $before }) { nodes { id } } }`;
    const notYet = await graphql(token, dueList, { before: new Date(due - 1000).toISOString() });
    expect(notYet.data.tickets.nodes).toEqual([]);
    const dueThen = await graphql(token, dueList, { before: new Date(due).toISOString() });
    expect(dueThen.data.tickets.nodes).toEqual([{ id: ticketId }]);

    const reopened = await act('reopenTicket', { reason: 'Still broken' });
    expect(reopened.data.reopenTicket.ticket.followUpDueAt).toBeNull();
    expect(await em.fork().count(ChatDelivery, { customer, kind: 'SURVEY' })).toBe(0);
    const afterReopening = await graphql(token, dueList, { before: new Date(due).toISOString() });
    expect(afterReopening.data.tickets.nodes).toEqual([]);
  });
});

describe('recovery paradox report', () => {
  it('compares the score after recovery with the one before, by handling, and with customers who never complained', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const at = (day: string) => new Date(`2026-05-${day}T12:00:00Z`);
    const recovered = async (before: number, after: number | null, handledWell: boolean) => {
      const customer = await makeCustomer(em, team);
      const opening = em.create(Feedback, {
        customer,
        nps: before,
        channel: 'WEB',
        submittedAt: at('01'),
        idempotencyKey: crypto.randomUUID(),
      });
      const ticket = em.create(Ticket, {
        team,
        customer,
        feedback: opening,
        status: 'RESOLVED',
        createdAt: at('01'),
        ackDueAt: at('02'),
        resolveDueAt: at('04'),
        acknowledgedAt: at('01'),
        resolvedAt: handledWell ? at('03') : at('10'),
      });
      if (handledWell) {
        em.create(TicketEvent, { ticket, type: 'APOLOGISED', actorName: 'x', channel: 'API', createdAt: at('01') });
      }
      if (after !== null) {
        em.create(Feedback, {
          customer,
          nps: after,
          channel: 'WEB',
          submittedAt: at('20'),
          idempotencyKey: crypto.randomUUID(),
        });
      }
    };
    await recovered(3, 10, true);
    await recovered(5, 9, true);
    await recovered(4, 6, false);
    await recovered(2, null, false);
    const happy = await makeCustomer(em, team);
    for (const nps of [10, 8, 6, 9]) {
      em.create(Feedback, {
        customer: happy,
        nps,
        channel: 'WEB',
        submittedAt: at('15'),
        idempotencyKey: crypto.randomUUID(),
      });
    }
    await em.flush();
    const { data, errors } = await graphql(
      await makeToken(em),
      `query($scope: ReportScope) { recoveryParadox(scope: $scope, from: "2026-05-01T00:00:00Z", to: "2026-06-01T00:00:00Z") {
        all { tickets followedUp averageBefore averageAfter averageEffect npsAfter }
        handledWell { tickets followedUp averageEffect npsAfter }
        handledOtherwise { tickets followedUp averageEffect npsAfter }
        neverComplained { n nps } } }`,
      { scope: { teamId: gid('Team', team.id) } },
    );
    expect(errors).toBeUndefined();
    // Followed up: 3→10, 5→9, 4→6. Before 4, after 25/3, effect (7 + 4 + 2) / 3; after: 2 promoters, 1 detractor.
    expect(data.recoveryParadox.all).toMatchObject({ tickets: 4, followedUp: 3, averageBefore: 4 });
    expect(data.recoveryParadox.all.averageAfter).toBeCloseTo(25 / 3, 10);
    expect(data.recoveryParadox.all.averageEffect).toBeCloseTo(13 / 3, 10);
    expect(data.recoveryParadox.all.npsAfter).toBeCloseTo(100 / 3, 10);
    expect(data.recoveryParadox.handledWell).toEqual({ tickets: 2, followedUp: 2, averageEffect: 5.5, npsAfter: 100 });
    expect(data.recoveryParadox.handledOtherwise).toEqual({
      tickets: 2,
      followedUp: 1,
      averageEffect: 2,
      npsAfter: -100,
    });
    // 10, 8, 6, 9: 2 promoters, 1 detractor of 4 → 25. Handled well beats never complained: the paradox.
    expect(data.recoveryParadox.neverComplained).toEqual({ n: 4, nps: 25 });
  });
});

describe('the price-loyal border', () => {
  it('counts a purchase exactly 10% under list price as discounted, and 9.9% under as not', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const token = await makeToken(em);
    const product = await makeProduct(em); // 10.00 EUR list price
    const category = async (amountMinor: number) => {
      const customer = await makeCustomer(em, team);
      for (const days of [100, 40]) {
        em.create(Purchase, {
          customer,
          product,
          quantity: 1,
          amountMinor,
          currency: 'EUR',
          purchasedAt: daysAgo(days),
          idempotencyKey: crypto.randomUUID(),
        });
      }
      em.create(Feedback, {
        customer,
        nps: 8,
        channel: 'WEB',
        submittedAt: daysAgo(20),
        idempotencyKey: crypto.randomUUID(),
      });
      await em.flush();
      const { data } = await graphql(
        token,
        'query($id: ID!) { node(id: $id) { ... on Customer { loyalty { category reasons } } } }',
        { id: gid('Customer', customer.id) },
      );
      return data.node.loyalty;
    };
    expect(await category(900)).toEqual({
      category: 'PRICE_LOYAL',
      reasons: [expect.stringMatching(/^2 of 2 purchases .* at 10% or more off list price/)],
    });
    expect((await category(901)).category).not.toBe('PRICE_LOYAL');
  });
});
