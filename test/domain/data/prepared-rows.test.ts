import { MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { ormConfig } from '../../../db/mikro-orm.config.ts';
import { numberedPlaceholders, preparedRows } from '../../../domain/data/prepared-rows.ts';
import { useTestDatabase } from '../../support/database.ts';
import { makeCustomer, makeTeam } from '../../support/factories.ts';

const db = useTestDatabase();

describe('preparedRows', () => {
  it('runs a statement with PostgreSQL parameters as a prepared statement named after its text, with the answer MikroORM gives', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customers = [await makeCustomer(em, team), await makeCustomer(em, team)];
    // One connection, so the session that prepared the statement is the one asked about it.
    const orm = await MikroORM.init({ ...ormConfig({ databaseUrl: db.url, poolMax: 1 }) });
    try {
      const sql = 'select id, name, created_at from customer where team_id = ? and name like ? order by id';
      const params = [team.id, '%'];
      const fork = orm.em.fork();
      const prepared = await preparedRows(fork, sql, params);
      const asMikroOrmRuns = await preparedRows(fork, sql, params, { prepared: false });
      expect(prepared).toEqual(asMikroOrmRuns);
      expect(prepared.map((row) => row.id)).toEqual(customers.map((customer) => customer.id));
      const pool = await fork.getConnection().getNativeClient();
      const { rows } = await pool.query('select name, statement from pg_prepared_statements');
      expect(rows).toEqual([{ name: expect.stringMatching(/^ll_/), statement: numberedPlaceholders(sql, 2) }]);
      // Inside a transaction it runs as MikroORM runs it, in that transaction.
      await fork.transactional(async (tx) => {
        expect(await preparedRows(tx, sql, params)).toEqual(prepared);
      });
    } finally {
      await orm.close(true);
    }
  });

  it('refuses a text whose placeholders do not match its values', () => {
    expect(numberedPlaceholders('select ? + ?', 2)).toBe('select $1 + $2');
    expect(() => numberedPlaceholders('select ?', 2)).toThrow('1 placeholders for 2 values');
  });
});
