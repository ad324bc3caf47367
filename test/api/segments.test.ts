import { describe, expect, it } from 'vitest';
import { Feedback, Purchase } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeProduct, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const create = `mutation($input: SegmentInput!) { createSegment(input: $input) {
  __typename
  ... on CreateSegmentSuccess { segment { id name customerCount team { name } filter } }
  ... on Error { code field message } } }`;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Promoters in Utrecht who bought in the last 90 days: only `fits`; the others miss one condition each. */
async function utrecht() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const product = await makeProduct(em);
  const make = async (city: string, nps: number, boughtDaysAgo: number) => {
    const customer = await makeCustomer(em, team, { city });
    em.create(Feedback, {
      customer,
      nps,
      channel: 'WEB',
      submittedAt: daysAgo(5),
      idempotencyKey: crypto.randomUUID(),
    });
    em.create(Purchase, {
      customer,
      product,
      quantity: 1,
      amountMinor: 1000,
      currency: 'EUR',
      purchasedAt: daysAgo(boughtDaysAgo),
    });
    customer.latestNps = nps;
    await em.flush();
    return customer;
  };
  const fits = await make('Utrecht', 9, 10);
  await make('Amsterdam', 10, 10);
  await make('Utrecht', 8, 10);
  await make('Utrecht', 9, 200);
  return { team, fits, token: await makeToken(em) };
}

const filter = { city: 'utrecht', npsCategory: 'PROMOTER', boughtWithinDays: 90 };

describe('saved segments', () => {
  it('are saved, counted, listed, and usable as a customer filter and a report scope', async () => {
    const { team, fits, token } = await utrecht();
    const made = await graphql(token, create, {
      input: { name: 'Utrecht promoters', teamId: gid('Team', team.id), filter },
    });
    const segment = made.data.createSegment.segment;
    expect(segment).toMatchObject({ name: 'Utrecht promoters', customerCount: 1, team: { name: team.name } });
    expect(segment.filter).toEqual({ city: 'utrecht', npsCategory: 'PROMOTER', boughtWithinDays: 90 });

    const listed = await graphql(
      token,
      `query($id: ID!) { segments { name } node(id: $id) { ... on Segment { customers(first: 10) { nodes { id } } } }
         customers(filter: { segmentId: $id }) { totalCount nodes { id } } }`,
      { id: segment.id },
    );
    expect(listed.data.segments.map((s: any) => s.name)).toContain('Utrecht promoters');
    expect(listed.data.node.customers.nodes).toEqual([{ id: gid('Customer', fits.id) }]);
    expect(listed.data.customers).toEqual({ totalCount: 1, nodes: [{ id: gid('Customer', fits.id) }] });

    const report = await graphql(
      token,
      `query($scope: ReportScope) { loyaltyReport(scope: $scope, from: "${daysAgo(40).toISOString()}", to: "${new Date().toISOString()}") { nps { n promoters } } }`,
      { scope: { segmentId: segment.id } },
    );
    const answers = report.data.loyaltyReport.reduce((sum: number, p: any) => sum + p.nps.n, 0);
    expect(answers).toBe(1);
  });

  it('refuse a taken name, bad conditions and nesting with a typed error, and write nothing', async () => {
    const { token } = await utrecht();
    await graphql(token, create, { input: { name: 'Twice', filter } });
    const again = await graphql(token, create, { input: { name: 'Twice', filter } });
    expect(again.data.createSegment).toMatchObject({ __typename: 'ConflictError', field: 'input.name' });
    const bad = await graphql(token, create, { input: { name: 'Bad', filter: { boughtWithinDays: 0 } } });
    expect(bad.data.createSegment).toMatchObject({ code: 'VALIDATION_FAILED', field: 'input.filter.boughtWithinDays' });
    const nested = await graphql(token, create, {
      input: { name: 'Nested', filter: { segmentId: gid('Segment', 1) } },
    });
    expect(nested.data.createSegment).toMatchObject({ code: 'VALIDATION_FAILED', field: 'input.filter.segmentId' });
    const outOfRange = await graphql(token, '{ customers(filter: { boughtWithinDays: 100000 }) { totalCount } }');
    expect(outOfRange.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filter.boughtWithinDays',
    });
    const names = await graphql(token, '{ segments { name } }');
    const saved = names.data.segments.map((s: any) => s.name);
    expect(saved.filter((name: string) => name === 'Twice')).toHaveLength(1);
    expect(saved).not.toContain('Bad');
    expect(saved).not.toContain('Nested');
  });

  it('keep members to their team: their segments are their team’s, others’ are not found', async () => {
    const { team, token } = await utrecht();
    const em = db.orm.em.fork();
    const other = await makeTeam(em);
    const outsider = await makeToken(em, 'MEMBER', await makeMember(em, other));
    const insider = await makeToken(em, 'MEMBER', await makeMember(em, team));
    const mine = await graphql(outsider, create, { input: { name: 'Mine', filter } });
    expect(mine.data.createSegment.segment).toMatchObject({ team: { name: other.name }, customerCount: 0 });
    const shared = await graphql(token, create, { input: { name: 'Shared', filter } });
    // The shared segment counts only the member's own team.
    const seen = await graphql(insider, '{ segments { name customerCount } }');
    expect(seen.data.segments).toContainEqual({ name: 'Shared', customerCount: 1 });
    expect(seen.data.segments.map((s: any) => s.name)).not.toContain('Mine');
    const foreign = await graphql(
      insider,
      'mutation($id: ID!) { deleteSegment(segmentId: $id) { __typename ... on Error { code } } }',
      {
        id: mine.data.createSegment.segment.id,
      },
    );
    expect(foreign.data.deleteSegment).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const notTheirs = await graphql(insider, 'mutation($id: ID!) { deleteSegment(segmentId: $id) { __typename } }', {
      id: shared.data.createSegment.segment.id,
    });
    expect(notTheirs.data.deleteSegment.__typename).toBe('NotFoundError');
  });
});
