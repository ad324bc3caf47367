import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { createMetrics } from '../../server/metrics.ts';
import { createApp } from '../../server/yoga.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeToken } from '../support/factories.ts';

const db = useTestDatabase();

describe('/metrics', () => {
  it('counts operations by name and type, errors by phase and path, and HTTP durations without the URL', async () => {
    const app = createApp({ orm: db.orm, logger: createLogger('silent'), metrics: createMetrics(db.orm) });
    const token = await makeToken(db.orm.em.fork());
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = (query: string) =>
      app.fetch('http://yoga/graphql', { method: 'POST', headers, body: JSON.stringify({ query }) });
    for (let i = 0; i < 3; i++) await post('query Ping { __typename }');
    await post('{ nope }');
    await post('{ customers(first: 1, after: "not-a-cursor") { totalCount } }');
    await post('{ __typename');
    // Two GET requests with different query strings: one series, not one per URL.
    for (const n of [1, 2]) {
      await app.fetch(`http://yoga/graphql?query=${encodeURIComponent(`query Ping { __typename }`)}&n=${n}`, {
        headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1' },
      });
    }

    const metrics = await (await app.fetch('http://yoga/metrics')).text();
    expect(metrics).toContain('graphql_envelop_request{operationName="Ping",operationType="query"} 5');
    expect(metrics).toMatch(/graphql_envelop_request_duration_count\{operationName="Ping",operationType="query"\} 5/);
    expect(metrics).toContain(
      'graphql_envelop_error_result{operationName="Anonymous",operationType="query",phase="validate",path=""} 1',
    );
    expect(metrics).toContain(
      'graphql_envelop_error_result{operationName="Anonymous",operationType="unknown",phase="parse",path=""} 1',
    );
    expect(metrics).toMatch(
      /graphql_envelop_error_result\{operationName="Anonymous",operationType="query",phase="execute",path="customers"\} 1/,
    );
    expect(metrics).toContain(
      'graphql_yoga_http_duration_count{operationName="Ping",operationType="query",method="POST",statusCode="200"} 3',
    );
    expect(metrics).toContain(
      'graphql_yoga_http_duration_count{operationName="Ping",operationType="query",method="GET",statusCode="200"} 2',
    );
    expect(metrics).not.toContain('url=');
  });
});
