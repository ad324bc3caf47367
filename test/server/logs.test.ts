import { Writable } from 'node:stream';
import { DriverException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { loggableError, maskError } from '../../server/errors.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();

describe('logs', () => {
  it('keep the SQL (and the personal data in its parameters) of a database error out of the log', () => {
    const error = new DriverException(
      Object.assign(new Error(`insert into "customer" ("email") values ('ann.de.vries@example.nl') - boom`), {
        code: '23514',
      }),
    );
    const lines: unknown[] = [];
    const masked = maskError(error, 'Unexpected error.', { log: (event) => lines.push(event) });
    expect(masked.message).toBe('Unexpected error.');
    expect(JSON.stringify(lines)).not.toContain('ann.de.vries');
    expect(JSON.stringify(loggableError(error))).not.toContain('ann.de.vries');
    expect(lines).toHaveLength(1);
  });

  it('hold no tokens, e-mail addresses or comments after a day’s work at debug level', async () => {
    let output = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += chunk;
        done();
      },
    });
    const app = createApp({ orm: db.orm, logger: createLogger('trace', sink) });
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const token = await makeToken(em);
    const call = (query: string, variables: Record<string, unknown>, bearer = token) =>
      app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query, variables }),
      });
    const created = await (
      await call(
        `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { ... on CreateCustomerSuccess { customer { id } } } }`,
        {
          i: { teamId: gid('Team', team.id), name: 'Ann de Vries', email: 'ann.private@example.nl' },
        },
      )
    ).json();
    const customerId = (created as any).data.createCustomer.customer.id;
    await call(`mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }`, {
      i: {
        customerId,
        nps: 1,
        comment: 'My phone number is 06-12345678',
        channel: 'WEB',
        idempotencyKey: crypto.randomUUID(),
      },
    });
    await call(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { __typename } }`, {
      i: { teamId: gid('Team', team.id), name: 'Copy', email: 'ann.private@example.nl' },
    });
    await call('{ viewer { role } }', {}, 'll_not_a_real_token');
    // Something was logged (Yoga's request tracing at this level), and none of it is personal.
    expect(output.split('\n').length).toBeGreaterThan(3);
    for (const secret of ['ann.private@example.nl', '06-12345678', 'Ann de Vries', token, 'll_not_a_real_token']) {
      expect(output).not.toContain(secret);
    }
  });
});
