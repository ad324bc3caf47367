import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackBot, type SlackBot } from '../../bots/slack/app.ts';
import { gid } from '../support/api.ts';
import { chatWorld, submitFeedback, ticketState } from '../support/chat-harness.ts';
import { useTestDatabase } from '../support/database.ts';
import { eventually, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';

const db = useTestDatabase();
let slack: FakeSlack;
let bot: SlackBot | undefined;
const unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  slack = await startFakeSlack();
  process.on('unhandledRejection', collect);
});
afterAll(async () => {
  process.off('unhandledRejection', collect);
  await slack.close();
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  slack.reset();
});

async function socketBot() {
  const world = await chatWorld(db);
  const states: boolean[] = [];
  bot = createSlackBot({
    botToken: 'xoxb-test',
    mode: 'socket',
    appToken: 'xapp-test',
    apiUrl: slack.apiUrl,
    api: world.api,
    log: () => {},
    pollMs: 25,
    reconnectDelayMs: 20,
    onChange: (up) => states.push(up),
  });
  await bot.start();
  const { submitFeedback: opened } = await world.admin(submitFeedback, {
    input: {
      customerId: gid('Customer', world.customer.id),
      nps: 2,
      channel: 'WEB',
      idempotencyKey: crypto.randomUUID(),
    },
  });
  const acknowledge = (ticketId: string) =>
    slack.socket.send('interactive', {
      type: 'block_actions',
      user: { id: world.manager.slackUserId },
      channel: { id: world.team.slackChannelId },
      message: { ts: '1.000100' },
      trigger_id: `trigger-${crypto.randomUUID()}`,
      actions: [{ type: 'button', action_id: 'ticket_acknowledge', value: ticketId, block_id: 'ticket_actions' }],
    });
  const status = async (ticketId: string) => (await world.admin(ticketState, { id: ticketId })).node.status;
  return { world, states, ticketId: opened.ticket.id as string, acknowledge, status };
}

describe('Slack Socket Mode', () => {
  it('acks envelopes over the socket and acts on them through the API', async () => {
    const { ticketId, acknowledge, status, states } = await socketBot();
    expect(slack.socket.open).toBe(1);
    expect(states).toEqual([true]);
    await acknowledge(ticketId);
    await eventually(async () => (await status(ticketId)) === 'ACKNOWLEDGED');
  });

  it('stays up when Slack asks it to reconnect and apps.connections.open fails for a while, then reconnects', async () => {
    const { ticketId, acknowledge, status, states } = await socketBot();
    // Two HTTP 500s and a refused connection, as during a Slack incident or a network outage.
    slack.script('apps.connections.open', { status: 500 }, { status: 0 }, { status: 500 });
    const connections = slack.socket.connections;
    slack.socket.refresh();
    await eventually(() => slack.socket.connections === connections + 1 && slack.socket.open === 1);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(5);
    // Up once Slack's hello has arrived, a moment after the server saw the connection.
    await eventually(() => states.length === 3);
    expect(states).toEqual([true, false, true]);
    await acknowledge(ticketId);
    await eventually(async () => (await status(ticketId)) === 'ACKNOWLEDGED');
    expect(unhandled).toEqual([]);
  });
});
