import { describe, expect, it } from 'vitest';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);
const submit = `mutation($i: SubmitFeedbackInput!) {
  submitFeedback(input: $i) {
    ... on SubmitFeedbackResult { feedback { keepBuying buyMore intentKeepBuying intentBuyMore } }
    ... on ValidationError { code field }
  }
}`;

describe('one name per concept: keepBuying and buyMore, the old intent* names deprecated for a release', () => {
  it('takes either name, answers both, refuses the two names with different values, and reads the same on every path', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const token = await makeToken(em);
    const base = { customerId: gid('Customer', customer.id), channel: 'WEB' };
    const byNew = await graphql(token, submit, {
      i: { ...base, keepBuying: 4, buyMore: 3, idempotencyKey: crypto.randomUUID() },
    });
    expect(byNew.data.submitFeedback.feedback).toEqual({
      keepBuying: 4,
      buyMore: 3,
      intentKeepBuying: 4,
      intentBuyMore: 3,
    });
    const byOld = await graphql(token, submit, {
      i: { ...base, intentKeepBuying: 2, intentBuyMore: 2, keepBuying: 2, idempotencyKey: crypto.randomUUID() },
    });
    expect(byOld.data.submitFeedback.feedback).toMatchObject({ keepBuying: 2, buyMore: 2 });
    const clash = await graphql(token, submit, {
      i: { ...base, intentKeepBuying: 2, keepBuying: 5, idempotencyKey: crypto.randomUUID() },
    });
    expect(clash.data.submitFeedback).toEqual({ code: 'VALIDATION_FAILED', field: 'input.keepBuying' });
    // The customer list's one-statement path reads the renamed field from its column too.
    const list = await graphql(
      token,
      'query($t: [ID!]) { customers(filter: { teamIds: $t }) { nodes { latestFeedback { keepBuying buyMore } } } }',
      {
        t: [gid('Team', team.id)],
      },
    );
    expect(list.data.customers.nodes).toEqual([{ latestFeedback: { keepBuying: 2, buyMore: 2 } }]);
  });
});
