import { afterAll, describe, expect, it } from 'vitest';
import { demoAdminToken } from '../../db/seeders/demo-token.ts';
import { eventually, interactionBody, sendSignedSlack, startFakeSlack } from '../support/fake-slack.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

let server: ServerProcess | undefined;
const slackPromise = startFakeSlack();

afterAll(async () => {
  server?.kill();
  await (await slackPromise).close();
});

describe('npm start with a Slack bot', () => {
  it('runs the bot beside the API: a low score reaches Slack, a signed click on the same port acknowledges it', async () => {
    const slack = await slackPromise;
    server = await startServer('_bots', {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'start-secret',
      SLACK_MODE: 'http',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_BOT_TOKEN: '',
    });
    const { output, base } = server;
    expect(output).toContain('Slack bot: on (HTTP endpoint /slack/events)');
    expect(output).toContain('Discord bot: off (set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID to turn it on)');

    const graphql = async (query: string, variables = {}) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${demoAdminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      return ((await response.json()) as any).data;
    };
    // The demo's first team posts to Slack channel C0RETAILN; give one of its customers a low score.
    const { customers } = await graphql(
      `{ customers(first: 1, filter: { search: "" }, sort: NAME_ASC) { nodes { id team { slackChannelId members { slackUserId role } } } } }`,
    );
    const customer = customers.nodes[0];
    const { submitFeedback } = await graphql(
      `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { ... on SubmitFeedbackResult { ticket { id status } } } }`,
      { input: { customerId: customer.id, nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    );
    const ticketId = submitFeedback.ticket.id;
    const alert = await eventually(() =>
      slack
        .callsTo('chat.postMessage')
        .find((c) => c.args.blocks?.some((b: any) => b.elements?.some((e: any) => e.value === ticketId))),
    );
    expect(alert.args.channel).toBe(customer.team.slackChannelId);

    const member = customer.team.members.find((m: any) => m.role === 'ACCOUNT_MANAGER');
    const response = await sendSignedSlack(
      `${base}/slack/events`,
      'start-secret',
      interactionBody({
        type: 'block_actions',
        user: { id: member.slackUserId },
        channel: { id: customer.team.slackChannelId },
        trigger_id: 't',
        actions: [{ type: 'button', action_id: 'ticket_acknowledge', value: ticketId }],
      }),
    );
    expect(response.status).toBe(200);
    await eventually(async () => {
      const { node } = await graphql(
        `query($id: ID!) { node(id: $id) { ... on Ticket { status events(first: 1) { nodes { channel } } } } }`,
        {
          id: ticketId,
        },
      );
      return node.status === 'ACKNOWLEDGED' && node.events.nodes[0].channel === 'SLACK';
    });

    expect(await server.stop()).toBe(0);
  });
});
