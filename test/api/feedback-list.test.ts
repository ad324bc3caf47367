import { describe, expect, it } from 'vitest';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

describe('feedback query', () => {
  it('filters by score range, channel, time range and comment', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const token = await makeToken(em);
    const answers = [
      { nps: 2, channel: 'SLACK', submittedAt: '2026-01-10T00:00:00Z', comment: 'slow' },
      { nps: 7, channel: 'WEB', submittedAt: '2026-02-10T00:00:00Z' },
      { nps: 9, channel: 'WEB', submittedAt: '2026-03-10T00:00:00Z', comment: 'great' },
      { csat: 1, channel: 'DISCORD', submittedAt: '2026-04-10T00:00:00Z' },
    ];
    for (const answer of answers) {
      const { data } = await graphql(
        token,
        `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { __typename } }`,
        {
          input: { customerId: gid('Customer', customer.id), idempotencyKey: crypto.randomUUID(), ...answer },
        },
      );
      expect(data.submitFeedback.__typename).toBe('SubmitFeedbackResult');
    }
    const list = async (filter: Record<string, unknown>) => {
      const { data, errors } = await graphql(
        token,
        `query($filter: FeedbackFilter) { feedback(first: 10, filter: $filter) { totalCount nodes { nps csat channel } } }`,
        { filter: { teamIds: [gid('Team', team.id)], ...filter } },
      );
      expect(errors).toBeUndefined();
      return data.feedback.nodes.map((n: { nps: number | null; csat: number | null }) => n.nps ?? `csat ${n.csat}`);
    };
    expect(await list({})).toEqual(['csat 1', 9, 7, 2]);
    expect(await list({ npsMin: 7 })).toEqual([9, 7]);
    expect(await list({ npsMin: 0, npsMax: 6 })).toEqual([2]);
    expect(await list({ csatMax: 2 })).toEqual(['csat 1']);
    expect(await list({ channels: ['WEB', 'SLACK'] })).toEqual([9, 7, 2]);
    expect(await list({ from: '2026-02-01T00:00:00Z', to: '2026-03-10T00:00:00Z' })).toEqual([7]);
    expect(await list({ hasComment: true })).toEqual([9, 2]);
    expect(await list({ customerId: gid('Customer', customer.id), npsMax: 7 })).toEqual([7, 2]);

    const { errors } = await graphql(token, `{ feedback(filter: { npsMin: 8, npsMax: 3 }) { totalCount } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'filter.npsMin' });
  });
});
