import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { answerByCallback } from '../../db/pool-callbacks.ts';
import { useTestDatabase } from '../support/database.ts';

const db = useTestDatabase();
let pool: pg.Pool | undefined;

async function client() {
  pool ??= new pg.Pool({ connectionString: db.url, max: 1 });
  if (pool.listenerCount('connect') === 0) answerByCallback(pool);
  return pool.connect();
}

afterAll(async () => {
  await pool?.end();
});

describe('pool clients that answer promise queries through callbacks', () => {
  it('resolves promise-style queries with pg’s result and rejects with pg’s error', async () => {
    const c = await client();
    try {
      const result = await c.query('select $1::int + 1 as n', [41]);
      expect(result.rows).toEqual([{ n: 42 }]);
      expect(result.rowCount).toBe(1);
      const failed = c.query('select * from no_such_table');
      await expect(failed).rejects.toMatchObject({ code: '42P01' });
      // The client is still usable after the error, in a transaction too.
      await c.query('begin');
      await c.query('create temp table t (id int)');
      await c.query('insert into t values (1), (2)');
      await c.query('rollback');
      await expect(c.query('select * from t')).rejects.toMatchObject({ code: '42P01' });
    } finally {
      c.release();
    }
  });

  it('leaves callback queries and submittables (such as cursors) to pg as they were', async () => {
    const c = await client();
    try {
      const viaCallback = await new Promise((resolve, reject) =>
        c.query('select 7 as n', (error, result) => (error ? reject(error) : resolve(result.rows))),
      );
      expect(viaCallback).toEqual([{ n: 7 }]);
      // A submittable is answered by its own events, not by a promise.
      const submitted = c.query(new pg.Query('select generate_series(1, 3) as n'));
      const rows: number[] = [];
      submitted.on('row', (row: { n: number }) => rows.push(row.n));
      await new Promise((resolve, reject) => submitted.on('end', resolve).on('error', reject));
      expect(rows).toEqual([1, 2, 3]);
    } finally {
      c.release();
    }
  });
});
