import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Feedback, Ticket } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';
import { eventually } from '../support/fake-slack.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const submit = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
  __typename ... on SubmitFeedbackResult { replayed feedback { id } ticket { id } } ... on Error { code } } }`;

async function setup() {
  const em = db.orm.em.fork();
  const customer = await makeCustomer(em, await makeTeam(em));
  const token = await makeToken(em);
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  return { customer, token, admin };
}

describe('faults', () => {
  it('a request whose database connection is killed mid-transaction fails cleanly, writes nothing, and the next one works', async () => {
    const { customer, token, admin } = await setup();
    const key = crypto.randomUUID();
    const input = { customerId: gid('Customer', customer.id), nps: 2, channel: 'WEB', idempotencyKey: key };
    try {
      // An uncommitted answer with the same idempotency key for the same customer makes the request
      // wait inside its transaction (for the customer's row lock, which that answer's trigger holds).
      await admin.query('begin');
      await admin.query(
        `insert into feedback (customer_id, nps, channel, submitted_at, idempotency_key, created_at)
         values ($1, 2, 'WEB', now(), $2, now())`,
        [customer.id, key],
      );
      const pending = graphql(token, submit, { input });
      const pid = await eventually(async () => {
        // Inside a transaction the activity view is a snapshot taken once; take a new one each time.
        await admin.query('select pg_stat_clear_snapshot()');
        const { rows } = await admin.query(
          `select pid from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        );
        return rows[0]?.pid as number | undefined;
      });
      await admin.query('select pg_terminate_backend($1)', [pid]);
      const failed = await pending;
      expect(failed.status).toBeLessThan(500);
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(failed.errors?.[0]?.message).toBe('Unexpected error.');
      await admin.query('rollback');

      const em = db.orm.em.fork();
      expect(await em.count(Feedback, { idempotencyKey: key })).toBe(0);
      expect(await em.count(Ticket, { customer: customer.id })).toBe(0);

      const retried = await graphql(token, submit, { input });
      expect(retried.data.submitFeedback).toMatchObject({ __typename: 'SubmitFeedbackResult', replayed: false });
      expect(await db.orm.em.fork().count(Feedback, { idempotencyKey: key })).toBe(1);
      expect(await db.orm.em.fork().count(Ticket, { customer: customer.id })).toBe(1);
    } finally {
      await admin.end();
    }
  });

  it('serves again after every database connection of the pool was terminated', async () => {
    const { customer, token, admin } = await setup();
    try {
      expect(
        (await graphql(token, `{ customer(id: "${gid('Customer', customer.id)}") { name } }`)).data.customer.name,
      ).toBe(customer.name);
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      const results = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = await graphql(token, `{ customer(id: "${gid('Customer', customer.id)}") { name } }`);
        expect(result.status).toBeLessThan(500);
        results.push(result);
        if (result.data?.customer) break;
      }
      expect(results.at(-1)?.data.customer.name).toBe(customer.name);
    } finally {
      await admin.end();
    }
  });
});
