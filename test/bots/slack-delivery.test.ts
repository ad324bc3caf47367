import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackBot, type SlackBot } from '../../bots/slack/app.ts';
import { Customer } from '../../db/entities/index.ts';
import { gid } from '../support/api.ts';
import { chatWorld, submitFeedback } from '../support/chat-harness.ts';
import { useTestDatabase } from '../support/database.ts';
import { eventually, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { slackLiveSequences, slackRefusal } from '../support/platform-rules.ts';

const db = useTestDatabase();
let slack: FakeSlack;
let bot: SlackBot | undefined;
const releases: (() => void)[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());
afterEach(async () => {
  for (const release of releases.splice(0)) release();
  await bot?.stop();
  bot = undefined;
  slack.reset();
});

const deliveries = `query($status: ChatDeliveryStatus) { chatDeliveries(status: $status, platform: SLACK, first: 50) {
  nodes { id kind status attempts lastError failedAt ticket { id } }
} }`;
const retry = `mutation($input: RetryChatDeliveryInput!) { retryChatDelivery(input: $input) {
  __typename ... on RetryChatDeliverySuccess { delivery { id status } } ... on Error { code message }
} }`;

async function setup(options: { timeoutMs?: number } = {}) {
  const world = await chatWorld(db);
  const tickets = new Set<string>();
  bot = createSlackBot({
    botToken: 'xoxb-test',
    mode: 'http',
    signingSecret: 'secret',
    apiUrl: slack.apiUrl,
    api: world.api,
    log: () => {},
    pollMs: 25,
    timeoutMs: options.timeoutMs,
  });
  await bot.start();
  const lowScore = async (fields: Record<string, unknown> = {}) => {
    const { submitFeedback: result } = await world.admin(submitFeedback, {
      input: {
        customerId: gid('Customer', world.customer.id),
        nps: 2,
        channel: 'WEB',
        idempotencyKey: crypto.randomUUID(),
        ...fields,
      },
    });
    tickets.add(result.ticket.id);
    return result;
  };
  const alertsInChannel = () =>
    slack.messages.filter((m) => m.channel === world.team.slackChannelId && m.metadata?.event_payload?.delivery_id);
  const ownDeliveries = async (status?: string) => {
    const { chatDeliveries } = await world.admin(deliveries, { status });
    return chatDeliveries.nodes.filter((d: { kind: string; ticket: { id: string } | null }) =>
      tickets.has(d.ticket?.id ?? ''),
    );
  };
  return { ...world, lowScore, alertsInChannel, ownDeliveries };
}

describe('Slack delivery at the edges', () => {
  it('posts once after a crash mid-post even with more than a page of messages in between', async () => {
    let release!: () => void;
    slack.script('chat.postMessage', { status: 200, hold: new Promise<void>((resolve) => (release = resolve)) });
    const world = await setup();
    await world.lowScore();
    await eventually(() => slack.callsTo('chat.postMessage').length === 1);
    bot!.worker.kill(); // dies with the post in flight
    release(); // ...which Slack then carries out
    await eventually(() => world.alertsInChannel().length === 1);
    slack.chatter(world.team.slackChannelId!, 450); // more than two pages of 200 before the retry looks
    bot!.worker.start();
    await eventually(async () => (await world.ownDeliveries('DELIVERED')).length === 1, 8000);
    expect(world.alertsInChannel()).toHaveLength(1);
    const looks = slack.callsTo('conversations.history');
    expect(looks.length).toBeGreaterThanOrEqual(3);
    expect(Number(looks[0]!.args.oldest)).toBeGreaterThan(Date.now() / 1000 - 600);
  });

  it('posts a deleted alert anew when the ticket changes, and edits it from then on', async () => {
    const world = await setup();
    const { ticket } = await world.lowScore();
    const first = await eventually(() => world.alertsInChannel()[0]);
    slack.deleteMessage(first.ts);
    await world.api(
      'mutation($input: AcknowledgeTicketInput!) { acknowledgeTicket(input: $input) { __typename } }',
      { input: { ticketId: ticket.id } },
      `slack:${world.manager.slackUserId}`,
    );
    const reposted = await eventually(() => world.alertsInChannel()[0]);
    expect(reposted.ts).not.toBe(first.ts);
    expect(reposted.text).toContain('Acknowledged');
    expect(slack.callsTo('chat.update').at(-1)?.args.ts).toBe(first.ts); // tried the edit first
  });

  it('falls back to the minimal rendering when Slack refuses an edit’s blocks', async () => {
    const world = await setup();
    const { ticket } = await world.lowScore({ comment: 'The parcel never came' });
    await eventually(() => world.alertsInChannel()[0]);
    slack.script('chat.update', { status: 200, error: 'invalid_blocks' });
    await world.api(
      'mutation($input: AcknowledgeTicketInput!) { acknowledgeTicket(input: $input) { __typename } }',
      { input: { ticketId: ticket.id } },
      `slack:${world.manager.slackUserId}`,
    );
    await eventually(() => slack.callsTo('chat.update').length === 2);
    const [full, minimal] = slack.callsTo('chat.update');
    expect(JSON.stringify(full!.args.blocks)).toContain('The parcel never came');
    expect(JSON.stringify(minimal!.args.blocks)).not.toContain('The parcel never came');
    expect(world.alertsInChannel()[0]!.text).toContain('Acknowledged');
    expect(world.alertsInChannel()).toHaveLength(1);
  });

  it('gives up at once on a channel Slack says is gone, shows it as FAILED, and delivers after an admin retry', async () => {
    slack.script('chat.postMessage', { status: 200, error: 'channel_not_found' });
    const world = await setup();
    await world.lowScore();
    const [dead] = await eventually(async () => {
      const failed = await world.ownDeliveries('FAILED');
      return failed.length ? failed : null;
    });
    expect(dead).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastError: expect.stringContaining('channel_not_found'),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1); // not retried on its own
    const { retryChatDelivery } = await world.admin(retry, { input: { deliveryId: dead.id } });
    expect(retryChatDelivery.delivery).toEqual({ id: dead.id, status: 'PENDING' });
    await eventually(() => world.alertsInChannel().length === 1);
    await eventually(async () =>
      (await world.ownDeliveries('DELIVERED')).some((d: { id: number }) => d.id === dead.id),
    );
  });

  it('gives up on a hung call after its timeout, so a Slack that never answers holds nothing up', async () => {
    // The first post is accepted and never answered (for 30 s); the API client gives up after 1 s.
    slack.script('chat.postMessage', { status: 200, hold: new Promise<void>((resolve) => releases.push(resolve)) });
    const world = await setup({ timeoutMs: 1000 });
    await world.lowScore();
    // Posted after the 1 s timeout and the 2 s backoff: well within 15 s, while the hung call lasts 30.
    await eventually(() => world.alertsInChannel().length === 1, 15_000);
  });

  it('renders names and comments with mention and link syntax as text', async () => {
    const world = await setup();
    const hostile = '<!channel> <@U1> <https://evil.example|Click to verify>';
    await world.em.nativeUpdate(Customer, { id: world.customer.id }, { name: `Eve ${hostile}` });
    await world.lowScore({ comment: hostile });
    const alert = await eventually(() => slack.callsTo('chat.postMessage')[0]);
    expect(slackLiveSequences(alert.args)).toEqual([]);
    expect(alert.args.text).toContain('Eve &lt;!channel&gt; &lt;@U1&gt; &lt;https://evil.example|Click to verify&gt;');
  });

  it('posts and edits an extreme but legal ticket (every text at the API’s maximum) without a refusal', async () => {
    const world = await setup();
    await world.em.nativeUpdate(
      Customer,
      { id: world.customer.id },
      { name: `${'👩🏽‍💻<@U1>&'.repeat(40)}`.slice(0, 200) },
    );
    const { ticket } = await world.lowScore({ comment: '😀'.repeat(2500) });
    await eventually(() => world.alertsInChannel()[0]);
    const act = (mutation: string, input: Record<string, unknown>) =>
      world.api(
        `mutation($input: ${mutation}Input!) { ${mutation[0]!.toLowerCase()}${mutation.slice(1)}(input: $input) { __typename } }`,
        { input: { ticketId: ticket.id, ...input } },
        `slack:${world.manager.slackUserId}`,
      );
    await act('AcknowledgeTicket', {});
    await eventually(() => world.alertsInChannel()[0]?.text?.includes('Acknowledged'));
    await act('ResolveTicket', { resolution: `${'Ä'.repeat(4999)}!` });
    await eventually(() => world.alertsInChannel()[0]?.text?.includes('Resolved'));
    const answers = [...slack.callsTo('chat.postMessage'), ...slack.callsTo('chat.update')];
    expect(answers.length).toBeGreaterThanOrEqual(3);
    expect(answers.map((call) => slackRefusal(call.args))).toEqual(answers.map(() => null));
    expect(world.alertsInChannel()).toHaveLength(1);
  });
});
