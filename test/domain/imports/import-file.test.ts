import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../domain/imports/import-file.ts';
import { apiClient, gid } from '../../support/api.ts';
import { useTestDatabase } from '../../support/database.ts';
import { makeTeam, makeToken } from '../../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);
const examples = path.resolve(import.meta.dirname, '../../../examples/import');
const files = ['accounts.csv', 'products.csv', 'customers.csv', 'purchases.csv', 'feedback.csv', 'feedback.ndjson'];

const report = `query($scope: ReportScope) {
  loyaltyReport(scope: $scope, from: "2026-01-01T00:00:00Z", to: "2026-04-01T00:00:00Z") {
    start
    nps { n promoters detractors score }
    csat { n satisfied percent }
    tracker { keepBuying { n average } }
    purchases { activeCustomers newCustomers transactions revenue { amountMinor } repeatPurchaseRatio retentionRate }
    tickets { opened }
  }
}`;

describe('importing a company’s history', () => {
  it('imports the example files into a database without demo data: the report equals the figures worked out by hand', async () => {
    const em = db.orm.em.fork();
    // Teams are set up first (thresholds, chat channels): the customers file names them.
    const team = await makeTeam(em);
    await em.getConnection().execute("update team set name = 'Retail' where id = ?", [team.id]);
    const reports = [];
    for (const file of files) reports.push(await importFile(db.orm.em.fork(), path.join(examples, file)));
    expect(reports.map((r) => [r.kind, r.stored, r.present, r.refused])).toEqual([
      ['accounts', 2, 0, []],
      ['products', 3, 0, []],
      ['customers', 4, 0, []],
      ['purchases', 7, 0, []],
      ['feedback', 5, 0, []],
      ['feedback', 1, 0, []],
    ]);

    const { data } = await graphql(await makeToken(em), report, { scope: { teamId: gid('Team', team.id) } });
    // Worked by hand from the files (EUR; P5 is in USD and C3 only ever bought in USD):
    // January: C1 10, C2 6 (NPS 0); CSAT 5, 2; C1 and C2 buy (1,895 + 3,790), both new.
    // February: C3 8, C1 9 (NPS 50); CSAT 4; C1 buys twice (995 + 1,705): repeat 1/1, retention (1 − 0) / 2.
    // March: C4 3, C2 9 (NPS 0); CSAT 1; keep buying 5; C4 (new) and C2 buy (995 + 1,895): retention (2 − 1) / 1.
    expect(data.loyaltyReport).toEqual([
      {
        start: '2026-01-01T00:00:00.000Z',
        nps: { n: 2, promoters: 1, detractors: 1, score: 0 },
        csat: { n: 2, satisfied: 1, percent: 50 },
        tracker: { keepBuying: { n: 0, average: null } },
        purchases: {
          activeCustomers: 2,
          newCustomers: 2,
          transactions: 2,
          revenue: { amountMinor: 5685 },
          repeatPurchaseRatio: 0,
          retentionRate: null,
        },
        tickets: { opened: 0 },
      },
      {
        start: '2026-02-01T00:00:00.000Z',
        nps: { n: 2, promoters: 1, detractors: 0, score: 50 },
        csat: { n: 1, satisfied: 1, percent: 100 },
        tracker: { keepBuying: { n: 0, average: null } },
        purchases: {
          activeCustomers: 1,
          newCustomers: 0,
          transactions: 2,
          revenue: { amountMinor: 2700 },
          repeatPurchaseRatio: 1,
          retentionRate: 0.5,
        },
        tickets: { opened: 0 },
      },
      {
        start: '2026-03-01T00:00:00.000Z',
        nps: { n: 2, promoters: 1, detractors: 1, score: 0 },
        csat: { n: 1, satisfied: 0, percent: 0 },
        tracker: { keepBuying: { n: 1, average: 5 } },
        purchases: {
          activeCustomers: 2,
          newCustomers: 1,
          transactions: 2,
          revenue: { amountMinor: 2890 },
          repeatPurchaseRatio: 0,
          retentionRate: 1,
        },
        tickets: { opened: 0 },
      },
    ]);

    // History opens no tickets and queues no chat messages; the rollups equal a recomputation.
    const sql = em.getConnection();
    const [counts] = await sql.execute<{ tickets: number; deliveries: number; rewards: number }[]>(
      'select (select count(*)::int from ticket) as tickets, (select count(*)::int from chat_delivery) as deliveries, (select count(*)::int from reward_entry) as rewards',
    );
    expect(counts).toEqual({ tickets: 0, deliveries: 0, rewards: 0 });
    expect(
      await sql.execute(
        'select team_id, day, sum(promoters)::int as p, sum(detractors)::int as d, sum(csat_n)::int as c from feedback_day group by 1, 2 order by 1, 2',
      ),
    ).toEqual(
      await sql.execute(
        `select c.team_id, (f.submitted_at at time zone 'UTC')::date as day, count(*) filter (where f.nps >= 9)::int as p,
                count(*) filter (where f.nps <= 6)::int as d, count(f.csat)::int as c
           from feedback f join customer c on c.id = f.customer_id group by 1, 2 order by 1, 2`,
      ),
    );
    expect(
      await sql.execute(
        'select customer_id, currency, month, transactions, revenue_minor from customer_month order by 1, 2, 3',
      ),
    ).toEqual(
      await sql.execute(
        `select customer_id, currency, date_trunc('month', purchased_at at time zone 'UTC')::date as month,
                count(*)::int as transactions, sum(amount_minor) as revenue_minor from purchase group by 1, 2, 3 order by 1, 2, 3`,
      ),
    );

    // The same files again change nothing.
    const again = [];
    for (const file of files) again.push(await importFile(db.orm.em.fork(), path.join(examples, file)));
    expect(again.map((r) => [r.stored, r.present])).toEqual([
      [0, 2],
      [3, 0], // products are written again with the same values (an upsert)
      [0, 4],
      [0, 7],
      [0, 5],
      [0, 1],
    ]);
    expect(await sql.execute('select count(*)::int as purchases from purchase')).toEqual([{ purchases: 7 }]);
  });

  it('reports each bad line with its number, field and reason, and imports the good ones', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const file = path.join(tmpdir(), `customers-${crypto.randomUUID()}.csv`);
    writeFileSync(
      file,
      [
        'ref,name,email,team',
        `X1,Good One,good.${team.id}@example.test,${team.name}`,
        `X2,No Team,,Nowhere`,
        `X3,Bad Mail,not-an-email,${team.name}`,
        `X4,,,${team.name}`,
        `"X5","Quoted, with a comma",,"${team.name}"`,
      ].join('\n'),
    );
    const result = await importFile(db.orm.em.fork(), file);
    expect(result).toMatchObject({ kind: 'customers', records: 5, stored: 2, present: 0 });
    expect(result.refused).toEqual([
      { line: 3, field: 'team', reason: 'no team with this name: create the team first' },
      { line: 4, field: 'email', reason: 'must be an e-mail address' },
      { line: 5, field: 'name', reason: 'must not be empty' },
    ]);
    const names = await em
      .getConnection()
      .execute('select name from customer where external_ref in (?, ?) order by 1', ['X1', 'X5']);
    expect(names).toEqual([{ name: 'Good One' }, { name: 'Quoted, with a comma' }]);
  });

  it('will not guess: a customers file without its team column is refused whole, not taken for accounts', async () => {
    const file = path.join(tmpdir(), `customers-${crypto.randomUUID()}.csv`);
    writeFileSync(file, 'ref,name\nZ1,Zonder Team\n');
    await expect(importFile(db.orm.em.fork(), file)).rejects.toThrow(
      /cannot tell what it holds from its columns \(ref, name\)/,
    );
    const named = await importFile(db.orm.em.fork(), file, { kind: 'customers' });
    expect(named.refused).toEqual([{ line: 2, field: 'team', reason: expect.any(String) }]);
    expect(
      await db.orm.em.getConnection().execute("select count(*)::int as n from account where name = 'Zonder Team'"),
    ).toEqual([{ n: 0 }]);
  });
});
