import { describe, expect, it } from 'vitest';
import {
  needsRecovery,
  needsRecoverySql,
  stillRecoverable,
  stillRecoverableSql,
} from '../../../domain/tickets/recovery-rule.ts';
import { useTestDatabase } from '../../support/database.ts';

const db = useTestDatabase();

describe('the recovery trigger in SQL', () => {
  it('gives needsRecovery’s answer for every score and threshold', async () => {
    // Every NPS (or none) × every CSAT (or none) × every NPS threshold × every CSAT threshold.
    const rows = await db.orm.em
      .getConnection()
      .execute<
        { nps: number | null; csat: number | null; nps_threshold: number; csat_threshold: number; low: boolean }[]
      >(
        `select s.nps, s.csat, t.nps_threshold, t.csat_threshold,
              ${needsRecoverySql('s.nps', 's.csat', 't')} as low
         from (select n.v as nps, c.v as csat
                 from (select null::int as v union all select generate_series(0, 10)) n,
                      (select null::int as v union all select generate_series(1, 5)) c) s,
              (select n as nps_threshold, c as csat_threshold
                 from generate_series(0, 10) n, generate_series(1, 5) c) t`,
      );
    expect(rows).toHaveLength(12 * 6 * 11 * 5);
    const disagreements = rows.filter(
      (row) => row.low !== needsRecovery(row, { npsThreshold: row.nps_threshold, csatThreshold: row.csat_threshold }),
    );
    expect(disagreements).toEqual([]);
    expect(rows.filter((row) => row.low).length).toBeGreaterThan(0);
  });

  it('gives stillRecoverable’s answer for answers of every age around the 7-day window', async () => {
    const ages = [0, 60, 86_400 * 6, 86_400 * 7 - 5, 86_400 * 7 + 5, 86_400 * 30]; // seconds before now
    const rows = await db.orm.em.getConnection().execute<{ age: number; recoverable: boolean }[]>(
      `select age, ${stillRecoverableSql("now() - age * interval '1 second'")} as recoverable
           from unnest(?::int[]) as age`,
      [`{${ages.join(',')}}`],
    );
    const now = new Date();
    expect(rows.map((row) => [row.age, row.recoverable])).toEqual(
      ages.map((age) => [age, stillRecoverable(new Date(now.getTime() - age * 1000), now)]),
    );
    expect(rows.map((row) => row.recoverable)).toEqual([true, true, true, true, false, false]);
  });
});
