import { describe, expect, it } from 'vitest';
import { Account, Feedback, Purchase, Ticket } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const report = `query($scope: ReportScope, $from: DateTime!, $to: DateTime!) {
  loyaltyReport(scope: $scope, from: $from, to: $to) {
    start
    nps { n promoters passives detractors score marginOfError }
    csat { n satisfied percent }
    tracker { keepBuying { n average topTwoBoxShare } }
    purchases { activeCustomers newCustomers transactions revenue { amountMinor currency } repeatPurchaseRatio upsellRatio
                salesPerCustomer { amountMinor } spendPerTransaction { amountMinor } retentionRate churnRate
                customerLifetimeValue { amountMinor } }
    engagement { index recency frequency participation }
    tickets { opened openAtEnd overdueAtEnd medianHoursToAcknowledge medianHoursToResolve }
  }
}`;

/**
 * A hand-made quarter for one team. Feedback: January NPS 10, 9, 8, 7, 6, 0 (the 6/7 and 8/9
 * borders) with CSAT 5, 4, 2 and "keep buying" 5, 3; February all promoters (9, 10); March nothing.
 * Purchases (EUR): A buys in January and twice in February (two products); B buys in January only;
 * C's first purchase is in February; a USD purchase must not count.
 */
async function quarter() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const [a, b, c] = [await makeCustomer(em, team), await makeCustomer(em, team), await makeCustomer(em, team)];
  const [coffee, mug] = [await makeProduct(em), await makeProduct(em)];
  const at = (day: string) => new Date(`2026-${day}T12:00:00Z`);
  const answers: [typeof a, number | null, number | null, number | null, string][] = [
    [a, 10, 5, 5, '01-03'],
    [a, 9, 4, 3, '01-04'],
    [b, 8, 2, null, '01-05'],
    [b, 7, null, null, '01-06'],
    [c, 6, null, null, '01-07'],
    [c, 0, null, null, '01-31'],
    [a, 9, null, null, '02-01'],
    [b, 10, null, null, '02-28'],
  ];
  for (const [customer, nps, csat, keep, day] of answers) {
    em.create(Feedback, {
      customer,
      nps,
      csat,
      intentKeepBuying: keep,
      channel: 'WEB',
      submittedAt: at(day),
      idempotencyKey: crypto.randomUUID(),
    });
  }
  const buys: [typeof a, typeof coffee, number, string, string][] = [
    [a, coffee, 1000, 'EUR', '01-10'],
    [b, coffee, 3000, 'EUR', '01-20'],
    [a, coffee, 1000, 'EUR', '02-02'],
    [a, mug, 2000, 'EUR', '02-03'],
    [c, coffee, 500, 'EUR', '02-10'],
    [c, coffee, 9999, 'USD', '03-10'],
  ];
  for (const [customer, product, amountMinor, currency, day] of buys) {
    em.create(Purchase, { customer, product, quantity: 1, amountMinor, currency, purchasedAt: at(day) });
  }
  await em.flush();
  return { team, token: await makeToken(em) };
}

describe('loyaltyReport', () => {
  it('computes each figure as worked out by hand, with null (not 0) for empty periods', async () => {
    const { team, token } = await quarter();
    const { data, errors } = await graphql(token, report, {
      scope: { teamId: gid('Team', team.id) },
      from: '2026-01-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(errors).toBeUndefined();
    const [jan, feb, mar] = data.loyaltyReport;
    expect(data.loyaltyReport.map((p: any) => p.start)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);

    // January: 2 promoters (10, 9), 2 passives (8, 7), 2 detractors (6, 0): NPS 0 ± 65.33.
    expect(jan.nps).toMatchObject({ n: 6, promoters: 2, passives: 2, detractors: 2, score: 0 });
    expect(jan.nps.marginOfError).toBeNull(); // 6 answers: below the 30 a margin needs
    // CSAT 5, 4, 2: two of three satisfied.
    expect(jan.csat.n).toBe(3);
    expect(jan.csat.percent).toBeCloseTo(66.67, 2);
    expect(jan.tracker.keepBuying).toEqual({ n: 2, average: 4, topTwoBoxShare: 0.5 });
    // February: all promoters.
    expect(feb.nps).toMatchObject({ n: 2, promoters: 2, score: 100, marginOfError: null });
    // March: no answers at all.
    expect(mar.nps).toMatchObject({ n: 0, score: null, marginOfError: null });
    expect(mar.csat).toEqual({ n: 0, satisfied: 0, percent: null });
    expect(mar.tracker.keepBuying).toEqual({ n: 0, average: null, topTwoBoxShare: null });

    // January: A and B bought once each, both new; no period before, so no retention.
    expect(jan.purchases).toMatchObject({
      activeCustomers: 2,
      newCustomers: 2,
      transactions: 2,
      revenue: { amountMinor: 4000, currency: 'EUR' },
      repeatPurchaseRatio: 0,
      upsellRatio: 0,
      salesPerCustomer: { amountMinor: 2000 },
      spendPerTransaction: { amountMinor: 2000 },
      retentionRate: null,
      churnRate: null,
    });
    // February: A (twice, two products) and C (new). Start base: A and B. (2 − 1) / 2 = 0.5 retained.
    expect(feb.purchases).toMatchObject({
      activeCustomers: 2,
      newCustomers: 1,
      transactions: 3,
      revenue: { amountMinor: 3500 },
      repeatPurchaseRatio: 0.5,
      upsellRatio: 1,
      retentionRate: 0.5,
      churnRate: 0.5,
    });
    // CLV: sales per customer 20.00 × 12 months × 3 years.
    expect(jan.purchases.customerLifetimeValue).toEqual({ amountMinor: 72_000 });
    // January: both known buyers bought (recency 1), one purchase each (the monthly target), six answers from
    // two customers (far above 4 a year): 100. February: 2 of 3 known bought: 100 × (0.4 × 2/3 + 0.4 + 0.2) = 87.
    expect(jan.engagement).toMatchObject({ index: 100, recency: 1, frequency: 1 });
    expect(feb.engagement.index).toBe(87);
    expect(feb.engagement.recency).toBeCloseTo(2 / 3, 10);
    // March: only a USD purchase, which a EUR report leaves out: nobody retained of February's two.
    expect(mar.purchases).toMatchObject({
      activeCustomers: 0,
      transactions: 0,
      retentionRate: 0,
      churnRate: 1,
      salesPerCustomer: null,
      upsellRatio: null,
    });
  });

  it('counts tickets opened, open and overdue at each period’s end, and the median hours to acknowledge and resolve', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const at = (iso: string) => new Date(`2026-${iso}Z`);
    const ticket = (
      created: string,
      ackDue: string,
      resolveDue: string,
      acked: string | null,
      resolved: string | null,
    ) =>
      em.create(Ticket, {
        team,
        customer,
        status: resolved ? 'RESOLVED' : acked ? 'ACKNOWLEDGED' : 'OPEN',
        createdAt: at(created),
        ackDueAt: at(ackDue),
        resolveDueAt: at(resolveDue),
        acknowledgedAt: acked ? at(acked) : null,
        resolvedAt: resolved ? at(resolved) : null,
      });
    ticket('01-05T10:00:00', '01-06T10:00:00', '01-08T10:00:00', '01-05T12:00:00', '01-06T10:00:00');
    ticket('01-20T10:00:00', '01-21T10:00:00', '01-23T10:00:00', null, null);
    ticket('02-10T10:00:00', '02-11T10:00:00', '03-05T10:00:00', '02-10T14:00:00', '03-01T10:00:00');
    await em.flush();
    const { data, errors } = await graphql(await makeToken(em), report, {
      scope: { teamId: gid('Team', team.id) },
      from: '2026-01-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(errors).toBeUndefined();
    expect(data.loyaltyReport.map((p: any) => p.tickets)).toEqual([
      { opened: 2, openAtEnd: 1, overdueAtEnd: 1, medianHoursToAcknowledge: 2, medianHoursToResolve: 24 },
      { opened: 1, openAtEnd: 2, overdueAtEnd: 1, medianHoursToAcknowledge: 4, medianHoursToResolve: null },
      { opened: 0, openAtEnd: 1, overdueAtEnd: 1, medianHoursToAcknowledge: null, medianHoursToResolve: 456 },
    ]);
  });

  it('keeps a team member to their own team and refuses customers', async () => {
    const { team } = await quarter();
    const other = await makeTeam(db.orm.em.fork());
    const em = db.orm.em.fork();
    const { makeMember } = await import('../support/factories.ts');
    const member = await makeToken(em, 'MEMBER', await makeMember(em, other));
    const { data } = await graphql(member, report, {
      scope: { teamId: gid('Team', team.id) },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(data.loyaltyReport[0].nps.n).toBe(0);
    const customer = await makeToken(em, 'CUSTOMER');
    const refused = await graphql(customer, report, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await graphql(await makeToken(em), report, {
      from: '2026-02-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'from' });
  });

  it('counts a moved customer’s tickets under their team now, as their answers and purchases are', async () => {
    const em = db.orm.em.fork();
    const [before, after] = [await makeTeam(em), await makeTeam(em)];
    const customer = await makeCustomer(em, before);
    const at = new Date('2026-05-10T12:00:00Z');
    em.create(Feedback, { customer, nps: 2, channel: 'WEB', submittedAt: at, idempotencyKey: crypto.randomUUID() });
    em.create(Ticket, { team: before, customer, ackDueAt: at, resolveDueAt: at, createdAt: at });
    await em.flush();
    customer.team = after;
    await em.flush();
    const token = await makeToken(em);
    const opened = async (teamId: number) => {
      const { data } = await graphql(token, report, {
        scope: { teamId: gid('Team', teamId) },
        from: '2026-05-01T00:00:00Z',
        to: '2026-06-01T00:00:00Z',
      });
      const [may] = data.loyaltyReport;
      return { answers: may.nps.n, tickets: may.tickets.opened };
    };
    expect(await opened(after.id)).toEqual({ answers: 1, tickets: 1 });
    expect(await opened(before.id)).toEqual({ answers: 0, tickets: 0 });
  });

  it('keeps an erased customer’s history in their account’s report', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const account = em.create(Account, { name: `Account ${crypto.randomUUID()}` });
    const customer = await makeCustomer(em, team, { account });
    em.create(Feedback, {
      customer,
      nps: 9,
      channel: 'WEB',
      submittedAt: new Date('2026-05-10T12:00:00Z'),
      idempotencyKey: crypto.randomUUID(),
    });
    await em.flush();
    const token = await makeToken(em);
    const answers = async () => {
      const { data } = await graphql(token, report, {
        scope: { accountId: gid('Account', account.id) },
        from: '2026-05-01T00:00:00Z',
        to: '2026-06-01T00:00:00Z',
      });
      return data.loyaltyReport[0].nps.n;
    };
    expect(await answers()).toBe(1);
    const erased = await graphql(
      token,
      'mutation($input: EraseCustomerInput!) { eraseCustomer(input: $input) { __typename } }',
      { input: { customerId: gid('Customer', customer.id) } },
    );
    expect(erased.data.eraseCustomer.__typename).toBe('EraseCustomerSuccess');
    expect(await answers()).toBe(1);
  });

  it('counts a customer as new once, at their first purchase ever, whatever the currency', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const [traveller, local] = [await makeCustomer(em, team), await makeCustomer(em, team)];
    const product = await makeProduct(em);
    const buy = (customer: typeof traveller, currency: string, day: string) =>
      em.create(Purchase, {
        customer,
        product,
        quantity: 1,
        amountMinor: 1000,
        currency,
        purchasedAt: new Date(`2026-${day}T12:00:00Z`),
        idempotencyKey: crypto.randomUUID(),
      });
    buy(traveller, 'USD', '01-10'); // new in January (in USD)
    buy(traveller, 'EUR', '02-10'); // not new again in February
    buy(local, 'EUR', '02-11'); // new in February
    await em.flush();
    const token = await makeToken(em);
    const newCustomers = async (currency: string) => {
      const { data } = await graphql(
        token,
        `query($scope: ReportScope, $currency: String) { loyaltyReport(scope: $scope, from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", currency: $currency) { purchases { activeCustomers newCustomers } } }`,
        { scope: { teamId: gid('Team', team.id) }, currency },
      );
      return data.loyaltyReport.map((p: { purchases: unknown }) => p.purchases);
    };
    expect(await newCustomers('EUR')).toEqual([
      { activeCustomers: 0, newCustomers: 0 },
      { activeCustomers: 2, newCustomers: 1 },
    ]);
    expect(await newCustomers('USD')).toEqual([
      { activeCustomers: 1, newCustomers: 1 },
      { activeCustomers: 0, newCustomers: 0 },
    ]);
  });

  it('counts the last period whole whatever the instant `to` falls on, as it counts every period', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    for (const day of ['02-03', '02-20'])
      em.create(Feedback, {
        customer,
        nps: 9,
        channel: 'WEB',
        submittedAt: new Date(`2026-${day}T12:00:00Z`),
        idempotencyKey: crypto.randomUUID(),
      });
    await em.flush();
    const { data } = await graphql(await makeToken(em), report, {
      scope: { teamId: gid('Team', team.id) },
      from: '2026-02-01T00:00:00Z',
      to: '2026-02-15T00:00:00Z',
    });
    expect(data.loyaltyReport.map((p: { start: string; nps: { n: number } }) => [p.start, p.nps.n])).toEqual([
      ['2026-02-01T00:00:00.000Z', 2],
    ]);
  });

  it('shows retention above 100% when lapsed customers come back, as its description says', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const [a, b] = [await makeCustomer(em, team), await makeCustomer(em, team)];
    const product = await makeProduct(em);
    const buy = (customer: typeof a, day: string) =>
      em.create(Purchase, {
        customer,
        product,
        quantity: 1,
        amountMinor: 1000,
        currency: 'EUR',
        purchasedAt: new Date(`2026-${day}T12:00:00Z`),
        idempotencyKey: crypto.randomUUID(),
      });
    buy(a, '01-10');
    buy(b, '01-11');
    buy(b, '02-10'); // A skips February
    buy(a, '03-10'); // and comes back in March, with B
    buy(b, '03-11');
    await em.flush();
    const { data } = await graphql(
      await makeToken(em),
      `query($scope: ReportScope) { loyaltyReport(scope: $scope, from: "2026-02-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { purchases { activeCustomers retentionRate churnRate } } }`,
      { scope: { teamId: gid('Team', team.id) } },
    );
    // February: 1 active of 2 in January (retention 0.5); March: 2 active of February's 1, none new: 2.
    expect(data.loyaltyReport.map((p: { purchases: unknown }) => p.purchases)).toEqual([
      { activeCustomers: 1, retentionRate: 0.5, churnRate: 0.5 },
      { activeCustomers: 2, retentionRate: 2, churnRate: -1 },
    ]);
  });
});
