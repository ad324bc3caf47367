import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../domain/live/live-event.ts';
import { startLiveListener } from '../../server/live-listener.ts';
import { createLogger } from '../../server/logger.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam } from '../support/factories.ts';
import { eventually } from '../support/fake-slack.ts';

const db = useTestDatabase();
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

describe('the live listener', () => {
  it('hears committed answers only, and hears again after its connection is killed', async () => {
    const live = startLiveListener(db.url, createLogger('silent'), { reconnectDelayMs: 50 });
    stops.push(() => live.stop());
    const heard: LiveEvent[] = [];
    const iterator = live.events()[Symbol.asyncIterator]();
    void (async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) heard.push(next.value);
    })();
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const answer = (nps: number) =>
      `insert into feedback (customer_id, nps, channel, submitted_at, created_at, idempotency_key)
       values (${customer.id}, ${nps}, 'WEB', now(), now(), gen_random_uuid()::text) returning id`;
    const heardId = (id: number) => heard.some((event) => event.id === id);
    /** Answers until the listener hears one: it connects (and reconnects) in the background. */
    const answerUntilHeard = () =>
      eventually(async () => {
        const { rows } = await sql.query(answer(9));
        await new Promise((resolve) => setTimeout(resolve, 50));
        return heardId(rows[0].id);
      });
    try {
      await answerUntilHeard();
      expect(heard.at(-1)).toMatchObject({ topic: 'feedback', teamId: team.id, customerId: customer.id });
      // A rolled-back answer is never announced; the next committed one is.
      await sql.query('begin');
      const { rows: rolledBack } = await sql.query(answer(1));
      await sql.query('rollback');
      const { rows: committed } = await sql.query(answer(2));
      await eventually(() => heardId(committed[0].id));
      expect(heardId(rolledBack[0].id)).toBe(false);

      // The database ends the listening session (a restart, an admin): it listens again by itself.
      const { rows: ended } = await sql.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'loyalty-loop live events' and datname = current_database()`,
      );
      expect(ended).toHaveLength(1);
      await answerUntilHeard();
    } finally {
      await sql.end();
      await iterator.return?.();
    }
  });
});
