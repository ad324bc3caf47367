import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startFakeSlack } from '../support/fake-slack.ts';
import { graphqlAt, type ServerProcess, startServer } from '../support/server-process.ts';

const servers: ServerProcess[] = [];
const slackPromise = startFakeSlack();

afterAll(async () => {
  for (const server of servers) server.kill();
  await (await slackPromise).close();
});

const graphql = async (base: string, query: string, variables = {}) =>
  (await graphqlAt(base, query, variables)).json.data;

describe('several processes against one database', () => {
  it('two API processes, each with its delivery worker, post every alert exactly once', async () => {
    const slack = await slackPromise;
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'multi-secret',
      SLACK_MODE: 'http',
      SLACK_API_URL: slack.apiUrl,
      DELIVERY_POLL_MS: '10',
      DELIVERY_LEASE_SECONDS: '5',
    };
    // Both start at once on an empty database: one migrates and seeds, the other waits for it.
    const [a, b] = await Promise.all([
      startServer('_multi', env),
      new Promise((r) => setTimeout(r, 50)).then(() => startServer('_multi', env, { fresh: false })),
    ]);
    servers.push(a, b);
    expect([a.output, b.output].filter((output) => output.includes('demo data seeded'))).toHaveLength(1);

    const { customers } = await graphql(
      a.base,
      '{ customers(first: 40, filter: { hasOpenTicket: false }) { nodes { id } } }',
    );
    const ids: string[] = customers.nodes.map((n: { id: string }) => n.id);
    expect(ids).toHaveLength(40);
    const tickets = await Promise.all(
      ids.map(async (customerId, i) => {
        const data = await graphql(
          i % 2 ? a.base : b.base,
          `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } } }`,
          { i: { customerId, nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
        );
        return data.submitFeedback.ticket.id as string;
      }),
    );
    const alerts = () =>
      slack
        .callsTo('chat.postMessage')
        .filter((call) => !call.args.thread_ts)
        .map((call) => call.args.blocks.find((block: any) => block.type === 'actions').elements[0].value as string);
    await eventually(() => alerts().length >= 40, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(alerts()).toHaveLength(40);
    expect(new Set(alerts())).toEqual(new Set(tickets));
  });

  it('reports health, readiness and Prometheus metrics', async () => {
    const [a] = servers;
    expect((await fetch(`${a!.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${a!.base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${a!.base}/metrics`)).text();
    expect(metrics).toMatch(/graphql_envelop_request\{/);
    expect(metrics).toMatch(/graphql_yoga_http_duration_bucket/);
    expect(metrics).toMatch(/graphql_envelop_request_duration_bucket/);
    // Only the metrics that pay for themselves (createMetrics): no per-phase histograms.
    expect(metrics).not.toContain('graphql_envelop_phase_parse');
    expect(metrics).toMatch(/loyalty_chat_delivery_latency_seconds_count\{platform="SLACK",kind="ALERT"\} \d+/);
    expect(metrics).toContain('loyalty_chat_deliveries_pending');
  });
});
