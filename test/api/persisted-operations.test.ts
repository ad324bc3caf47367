import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { createGraphQLClient } from '../../bots/graphql-client.ts';
import { operationHash } from '../../bots/operation-hash.ts';
import { claimDeliveries, submitFeedback, ticketActions } from '../../bots/operations.ts';
import { frontendOperations } from '../../dashboard/operations.ts';
import { Feedback } from '../../db/entities/index.ts';
import { schema } from '../../schema/index.ts';
import { createLogger } from '../../server/logger.ts';
import { knownOperations } from '../../server/persisted-operations.ts';
import { createApp } from '../../server/yoga.ts';
import { gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();

async function setup(persistedOperationsOnly = false) {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const customer = await makeCustomer(em, team);
  const token = await makeToken(em);
  const app = createApp({ orm: db.orm, logger: createLogger('silent'), persistedOperationsOnly });
  const post = async (body: Record<string, unknown>) => {
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as {
      data?: any;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    return { ...answer, status: response.status };
  };
  const persisted = (document: string) => ({ persistedQuery: { version: 1, sha256Hash: operationHash(document) } });
  return { app, token, customer, post, persisted };
}

describe('persisted operations', () => {
  it('know every bot operation and every frontend query', () => {
    for (const document of [claimDeliveries, submitFeedback, ...Object.values(ticketActions)]) {
      expect(knownOperations.get(operationHash(document))).toBe(document);
    }
    for (const document of Object.values(frontendOperations)) {
      expect(knownOperations.get(operationHash(document))).toBe(document);
    }
  });

  it('name each frontend operation after its key, the name the dashboard asks for it by', () => {
    for (const [key, document] of Object.entries(frontendOperations)) {
      expect(document.match(/^(?:query|mutation|subscription) (\w+)/)?.[1]).toBe(
        key.charAt(0).toUpperCase() + key.slice(1),
      );
    }
  });

  it('all compile with graphql-jit, and answer the same compiled as on the standard executor', async () => {
    const { post, customer } = await setup();
    const standard = createApp({ orm: db.orm, logger: createLogger('silent'), compileKnownOperations: false });
    const token = await makeToken(db.orm.em.fork());
    const postStandard = async (body: Record<string, unknown>) =>
      (
        await standard.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        })
      ).json();
    for (const document of knownOperations.values()) {
      expect(isCompiledQuery(compileQuery(schema, parse(document)))).toBe(true);
    }
    const calls = [
      { query: frontendOperations.customerList, variables: { first: 50 } },
      { query: frontendOperations.customerDetail, variables: { id: gid('Customer', customer.id) } },
      { query: frontendOperations.ticketQueue, variables: {} },
      {
        query: frontendOperations.loyaltyDashboard,
        variables: { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
      },
      // A typed error and a bad variable take the same shape on both.
      { query: frontendOperations.customerDetail, variables: { id: 'not-an-id' } },
      { query: frontendOperations.customerList, variables: { first: 1000 } },
    ];
    // graphql-jit leaves out errors' `locations` (optional in the GraphQL spec); all else is equal.
    const withoutLocations = (response: any) => ({
      ...response,
      errors: response.errors?.map(({ locations: _, ...error }: Record<string, unknown>) => error),
    });
    for (const call of calls) {
      const { status: _, ...compiled } = await post(call);
      expect(compiled).toEqual(withoutLocations(await postStandard(call)));
    }
  });

  it('run the main customer list by its hash with the same answer as the document', async () => {
    const { post, persisted, customer } = await setup();
    const byDocument = await post({ query: frontendOperations.customerList, variables: { first: 50 } });
    const byHash = await post({ variables: { first: 50 }, extensions: persisted(frontendOperations.customerList) });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual(byDocument.data);
    expect(byHash.data.customers.nodes.map((node: { id: string }) => node.id)).toContain(gid('Customer', customer.id));
  });

  it('answer a request with neither a document nor a hash with 400 BAD_REQUEST', async () => {
    const { post } = await setup();
    for (const body of [{}, { extensions: { persistedQuery: { version: 1, sha256Hash: 123 } } }]) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
  });

  it('answer an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { post } = await setup();
    const { errors, data } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuse other documents when only persisted operations are allowed, and write nothing', async () => {
    const { post, persisted, customer } = await setup(true);
    const input = {
      customerId: gid('Customer', customer.id),
      nps: 9,
      channel: 'WEB',
      idempotencyKey: crypto.randomUUID(),
    };
    const ad = await post({
      query: 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { __typename } }',
      variables: { input },
    });
    expect(ad.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(ad.status).toBe(400);
    expect(await db.orm.em.fork().count(Feedback, { customer: customer.id })).toBe(0);
    const known = await post({ variables: { input }, extensions: persisted(submitFeedback) });
    expect(known.data.submitFeedback).toMatchObject({ __typename: 'SubmitFeedbackResult', replayed: false });
    expect(await db.orm.em.fork().count(Feedback, { customer: customer.id })).toBe(1);
  });

  it('are what the bots send: the hash alone, and the document only when the API does not know it', async () => {
    const { app, token } = await setup();
    const bodies: Record<string, unknown>[] = [];
    const client = createGraphQLClient({
      url: 'http://yoga/graphql',
      token,
      fetch: (url, init) => {
        bodies.push(JSON.parse(String(init.body)));
        return app.fetch(url, init);
      },
    });
    await client(claimDeliveries, { platform: 'SLACK', limit: 1 });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toHaveProperty('query');

    bodies.length = 0;
    const unknown = 'query Unknown { viewer { role } }';
    expect(await client(unknown)).toEqual({ viewer: { role: 'ADMIN' } });
    expect(bodies.map((body) => 'query' in body)).toEqual([false, true]);
  });

  it('leave the bots an error when the API is persisted-only and the document unknown', async () => {
    const { app, token } = await setup(true);
    const client = createGraphQLClient({
      url: 'http://yoga/graphql',
      token,
      fetch: (url, init) => app.fetch(url, init),
    });
    await expect(client('query Unknown { viewer { role } }')).rejects.toMatchObject({
      codes: ['PERSISTED_QUERY_ONLY'],
    });
  });
});
