import { describe, expect, it } from 'vitest';
import { Feedback, Purchase, Ticket } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const report = `query($scope: ReportScope, $from: DateTime!, $to: DateTime!, $tz: String, $g: Granularity) {
  loyaltyReport(scope: $scope, from: $from, to: $to, timeZone: $tz, granularity: $g) {
    start end
    nps { n promoters detractors score }
    purchases { activeCustomers transactions }
    tickets { opened }
  }
}`;

/**
 * Around two Amsterdam midnights: 31 January 23:30 UTC is already 1 February there (CET, UTC+1),
 * and 31 March 22:30 UTC is already 1 April (CEST, UTC+2, after the clocks went forward on 29 March).
 */
async function nearMidnight() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const customer = await makeCustomer(em, team);
  const product = await makeProduct(em);
  const answers: [number, string][] = [
    [10, '2026-01-15T12:00:00Z'],
    [9, '2026-01-31T23:30:00Z'],
    [0, '2026-02-01T12:00:00Z'],
    [3, '2026-03-31T22:30:00Z'],
  ];
  for (const [nps, at] of answers) {
    em.create(Feedback, {
      customer,
      nps,
      channel: 'WEB',
      submittedAt: new Date(at),
      idempotencyKey: crypto.randomUUID(),
    });
  }
  em.create(Purchase, {
    customer,
    product,
    quantity: 1,
    amountMinor: 1000,
    currency: 'EUR',
    purchasedAt: new Date('2026-01-31T23:30:00Z'),
  });
  const opened = new Date('2026-03-31T22:30:00Z');
  em.create(Ticket, {
    team,
    customer,
    kind: 'SERVICE_RECOVERY',
    status: 'OPEN',
    ackDueAt: new Date(opened.getTime() + 86_400_000),
    resolveDueAt: new Date(opened.getTime() + 3 * 86_400_000),
    createdAt: opened,
  });
  await em.flush();
  return { team, customer, token: await makeToken(em) };
}

const figures = (periods: any[]) =>
  periods.map((p) => [p.start, p.nps.n, p.nps.score, p.purchases.activeCustomers, p.tickets.opened]);

describe('loyaltyReport in a time zone', () => {
  it('starts each period at local midnight, across a daylight-saving change, the same on every path', async () => {
    const { team, customer, token } = await nearMidnight();
    const run = async (scope: unknown, tz?: string) => {
      const { data, errors } = await graphql(token, report, {
        scope,
        from: '2026-01-01T00:00:00Z',
        to: '2026-04-30T00:00:00Z',
        tz,
      });
      expect(errors).toBeUndefined();
      return data.loyaltyReport;
    };
    // A team's scope reads the rollups in UTC and the rows in another zone; one customer's always the rows.
    for (const scope of [{ teamId: gid('Team', team.id) }, { customerId: gid('Customer', customer.id) }]) {
      const utc = await run(scope);
      expect(figures(utc)).toEqual([
        ['2026-01-01T00:00:00.000Z', 2, 100, 1, 0],
        ['2026-02-01T00:00:00.000Z', 1, -100, 0, 0],
        ['2026-03-01T00:00:00.000Z', 1, -100, 0, 1],
        ['2026-04-01T00:00:00.000Z', 0, null, 0, 0],
      ]);
      const amsterdam = await run(scope, 'Europe/Amsterdam');
      expect(figures(amsterdam)).toEqual([
        ['2025-12-31T23:00:00.000Z', 1, 100, 0, 0],
        ['2026-01-31T23:00:00.000Z', 2, 0, 1, 0],
        ['2026-02-28T23:00:00.000Z', 0, null, 0, 0],
        ['2026-03-31T22:00:00.000Z', 1, -100, 0, 1],
      ]);
      expect(amsterdam[2].end).toBe('2026-03-31T22:00:00.000Z');
    }
  });

  it('refuses a name that is not an IANA time zone', async () => {
    const { token } = await nearMidnight();
    const { errors } = await graphql(token, report, {
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      tz: "Europe/Amsterdam'; drop table customer; --",
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'timeZone' });
  });
});
