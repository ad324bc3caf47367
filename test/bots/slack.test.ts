import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../../bots/operations.ts';
import { createSlackBot, type SlackBot } from '../../bots/slack/app.ts';
import { Feedback, Ticket } from '../../db/entities/index.ts';
import { evaluateChurn } from '../../domain/tickets/win-back.ts';
import { gid } from '../support/api.ts';
import { chatWorld, serve, submitFeedback, ticketState } from '../support/chat-harness.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeMonthlyPurchases } from '../support/factories.ts';
import { eventually, type FakeSlack, interactionBody, sendSignedSlack, startFakeSlack } from '../support/fake-slack.ts';

const db = useTestDatabase();
const signingSecret = 'test-signing-secret';
let slack: FakeSlack;
let bot: SlackBot | undefined;
let endpoint: Awaited<ReturnType<typeof serve>> | undefined;

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());
afterEach(async () => {
  await bot?.stop();
  await endpoint?.close();
  bot = undefined;
  endpoint = undefined;
  slack.reset();
});

async function setup() {
  const world = await chatWorld(db);
  bot = createSlackBot({
    botToken: 'xoxb-test',
    mode: 'http',
    signingSecret,
    apiUrl: slack.apiUrl,
    api: world.api,
    log: () => {},
    pollMs: 25,
  });
  await bot.start();
  endpoint = await serve((req, res) => void bot!.handle!(req, res));
  const send = (body: string, options = {}) =>
    sendSignedSlack(`${endpoint!.url}/slack/events`, signingSecret, body, options);
  const lowScore = async (nps: number) => {
    const { submitFeedback: result } = await world.admin(submitFeedback, {
      input: {
        customerId: gid('Customer', world.customer.id),
        nps,
        comment: 'Arrived broken',
        channel: 'WEB',
        idempotencyKey: crypto.randomUUID(),
      },
    });
    return result;
  };
  const alerts = () =>
    slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === world.team.slackChannelId && !call.args.thread_ts);
  const click = (action: string, ticketId: string, user: string, ts: string) =>
    send(
      interactionBody({
        type: 'block_actions',
        user: { id: user },
        channel: { id: world.team.slackChannelId },
        message: { ts },
        trigger_id: `trigger-${crypto.randomUUID()}`,
        actions: [{ type: 'button', action_id: `ticket_${action}`, value: ticketId, block_id: 'ticket_actions' }],
      }),
    );
  const state = async (ticketId: string) => (await world.admin(ticketState, { id: ticketId })).node;
  /** A low score's alert, once it is posted and recorded as posted: people reply after reading it. */
  const postedAlert = async (nps = 2) => {
    const { ticket } = await lowScore(nps);
    await eventually(() => alerts()[0]);
    const ts = slack.messages[0]!.ts;
    await eventually(
      async () => (await world.api(ops.ticketForMessage, { platform: 'SLACK', messageRef: ts })).ticketForChatMessage,
    );
    return { ticket, ts };
  };
  return { ...world, send, lowScore, alerts, click, state, postedAlert };
}

describe('Slack alerts', () => {
  it('posts one alert with the buttons to the owning team’s channel within a second of a score of 3', async () => {
    const { lowScore, alerts, team } = await setup();
    const started = Date.now();
    const result = await lowScore(3);
    const [alert] = await eventually(() => (alerts().length ? alerts() : null), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alerts()).toHaveLength(1);
    expect(alert!.args.channel).toBe(team.slackChannelId);
    expect(alert!.args.text).toContain('NPS 3/10');
    const buttons = alert!.args.blocks.find((b: any) => b.type === 'actions').elements.map((e: any) => e.action_id);
    expect(buttons).toEqual(['ticket_claim', 'ticket_acknowledge', 'ticket_note']);
    expect(alert!.args.blocks.find((b: any) => b.type === 'actions').elements[0].value).toBe(result.ticket.id);
    expect(JSON.stringify(alert!.args.blocks)).toContain('Arrived broken');
  });

  it('posts a win-back ticket through the same path, with the loyalty category and the churn drivers', async () => {
    const { alerts, customer, em } = await setup();
    await makeMonthlyPurchases(em, customer, 450, 120);
    const [ticket] = await evaluateChurn(em.fork(), [customer.id], { riskThreshold: 30, cooldownDays: 30 });
    expect(ticket?.kind).toBe('WIN_BACK');
    const [alert] = await eventually(() => (alerts().length ? alerts() : null));
    const shown = JSON.stringify(alert!.args.blocks);
    expect(alert!.args.text).toContain('Win-back');
    expect(shown).toContain('convenience loyal');
    expect(shown).toContain('churn risk 35/100 (0 purchase(s) in the last 90 days against 3.0 usually)');
  });

  it('records a signed Acknowledge click as the linked member, via Slack, edits the message, and ignores the same click again', async () => {
    const { lowScore, alerts, click, state, manager } = await setup();
    const { ticket } = await lowScore(2);
    const alert = await eventually(() => alerts()[0]);
    const ts = slack.messages.find((m) => m.channel === alert.args.channel)!.ts;

    const response = await click('acknowledge', ticket.id, manager.slackUserId!, ts);
    expect(response.status).toBe(200);
    const acknowledged = await eventually(async () => {
      const s = await state(ticket.id);
      return s.status === 'ACKNOWLEDGED' ? s : null;
    });
    expect(acknowledged.events.nodes[0]).toMatchObject({
      type: 'ACKNOWLEDGED',
      channel: 'SLACK',
      actor: { name: manager.name },
    });
    await eventually(() =>
      slack.callsTo('chat.update').some((call) => call.args.ts === ts && call.args.text.includes('Acknowledged')),
    );

    const again = await click('acknowledge', ticket.id, manager.slackUserId!, ts);
    expect(again.status).toBe(200);
    await eventually(() => slack.callsTo('chat.postEphemeral').length === 1);
    const after = await state(ticket.id);
    expect(after.events.totalCount).toBe(acknowledged.events.totalCount);
    expect(after.version).toBe(acknowledged.version);
  });

  it('resolves through the modal with the resolution note', async () => {
    const { lowScore, alerts, click, state, manager, send } = await setup();
    const { ticket } = await lowScore(1);
    await eventually(() => alerts()[0]);
    const ts = slack.messages[0]!.ts;
    await click('acknowledge', ticket.id, manager.slackUserId!, ts);
    await eventually(async () => (await state(ticket.id)).status === 'ACKNOWLEDGED');
    await click('resolve', ticket.id, manager.slackUserId!, ts);
    const opened = await eventually(() => slack.callsTo('views.open')[0]);
    expect(opened.args.view.callback_id).toBe('resolve_modal');
    await send(
      interactionBody({
        type: 'view_submission',
        user: { id: manager.slackUserId },
        view: {
          id: 'V1',
          callback_id: 'resolve_modal',
          private_metadata: opened.args.view.private_metadata,
          state: { values: { text: { value: { type: 'plain_text_input', value: 'Replaced the machine' } } } },
        },
      }),
    );
    const resolved = await eventually(async () => {
      const s = await state(ticket.id);
      return s.status === 'RESOLVED' ? s : null;
    });
    expect(resolved).toMatchObject({ resolution: 'Replaced the machine' });
    expect(resolved.events.nodes[0]).toMatchObject({ type: 'RESOLVED', channel: 'SLACK', actorName: manager.name });
  });

  it('tells an unlinked Slack user so, ephemerally, and changes nothing', async () => {
    const { lowScore, alerts, click, state } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    const before = await state(ticket.id);
    await click('claim', ticket.id, 'UNOBODY', slack.messages[0]!.ts);
    const ephemeral = await eventually(() => slack.callsTo('chat.postEphemeral')[0]);
    expect(ephemeral.args).toMatchObject({ user: 'UNOBODY' });
    expect(ephemeral.args.text).toMatch(/not linked/);
    expect((await state(ticket.id)).events.totalCount).toBe(before.events.totalCount);
  });

  it('refuses a bad or stale signature with 401 and changes nothing', async () => {
    const { lowScore, alerts, send, state, manager } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    const body = interactionBody({
      type: 'block_actions',
      user: { id: manager.slackUserId },
      channel: { id: 'C' },
      trigger_id: 't',
      actions: [{ type: 'button', action_id: 'ticket_acknowledge', value: ticket.id }],
    });
    expect((await send(body, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await send(body, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await state(ticket.id)).status).toBe('OPEN');
  });

  it('records a reply in the alert’s thread as a note, once even when Slack retries the event', async () => {
    const { postedAlert, send, state, manager, team } = await setup();
    const { ticket, ts } = await postedAlert();
    const event = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev1',
      event: {
        type: 'message',
        channel: team.slackChannelId,
        user: manager.slackUserId,
        text: 'Called her, sending a voucher',
        ts: '1800000000.1',
        thread_ts: ts,
      },
    });
    await send(event, { contentType: 'application/json' });
    await send(event, { contentType: 'application/json', retryNum: 1 });
    const noted = await eventually(async () => {
      const s = await state(ticket.id);
      return s.events.nodes.some((e: any) => e.type === 'NOTE' && e.note === 'Called her, sending a voucher')
        ? s
        : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await state(ticket.id)).events.totalCount).toBe(noted.events.totalCount);
    expect(noted.events.nodes[0]).toMatchObject({ channel: 'SLACK', actorName: manager.name });
  });

  it('takes "also send to channel" and file replies, unescapes Slack’s entities, ignores bots, and tells an unlinked writer once', async () => {
    const { postedAlert, send, state, manager, team } = await setup();
    const { ticket, ts } = await postedAlert();
    const reply = (id: string, fields: Record<string, unknown>) =>
      JSON.stringify({
        type: 'event_callback',
        event_id: id,
        event: { type: 'message', channel: team.slackChannelId, ts: `1800000001.${id}`, thread_ts: ts, ...fields },
      });
    const json = { contentType: 'application/json' };
    await send(
      reply('1', {
        subtype: 'thread_broadcast',
        user: manager.slackUserId,
        text: 'Refund &lt;50 EUR&gt; &amp; a call',
      }),
      json,
    );
    await send(
      reply('2', {
        subtype: 'file_share',
        user: manager.slackUserId,
        text: 'Photo of the receipt',
        files: [{ id: 'F1' }],
      }),
      json,
    );
    await send(reply('3', { subtype: 'bot_message', bot_id: 'BOTHER', text: 'Another app says hi' }), json);
    await send(reply('4', { user: 'UOTHERBOT', bot_id: 'BOTHER', text: 'A bot with a user id' }), json);
    await send(reply('5', { user: 'UNOBODY', text: 'Who am I?' }), json);
    await send(reply('5', { user: 'UNOBODY', text: 'Who am I?' }), { ...json, retryNum: 1 });
    const notes = await eventually(async () => {
      const found = (await state(ticket.id)).events.nodes.filter((e: any) => e.type === 'NOTE').map((e: any) => e.note);
      return found.length >= 2 ? found : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notes.sort()).toEqual(['Photo of the receipt', 'Refund <50 EUR> & a call']);
    expect(slack.callsTo('chat.postEphemeral').map((c) => c.args.user)).toEqual(['UNOBODY']);
  });

  it('matches a reply to its alert by channel as well as ts', async () => {
    const { postedAlert, send, state, manager } = await setup();
    const { ticket, ts } = await postedAlert();
    const event = JSON.stringify({
      type: 'event_callback',
      event_id: 'EvOther',
      event: {
        type: 'message',
        channel: 'COTHERCHANNEL',
        user: manager.slackUserId,
        text: 'Not about this',
        ts: '1800000002.1',
        thread_ts: ts,
      },
    });
    await send(event, { contentType: 'application/json' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await state(ticket.id)).events.nodes.some((e: any) => e.type === 'NOTE')).toBe(false);
  });

  it('answers Slack’s unsigned ssl_check with 200 and does nothing else', async () => {
    await setup();
    slack.calls.length = 0;
    const response = await fetch(`${endpoint!.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=legacy-verification-token',
    });
    expect(response.status).toBe(200);
    expect(slack.calls).toEqual([]);
  });
});

describe('Slack delivery that loses nothing', () => {
  it('retries after a 500 and then a 429 with Retry-After, and the alert arrives once, after the wait', async () => {
    slack.script('chat.postMessage', { status: 500 }, { status: 429, retryAfter: 1 });
    const { lowScore, alerts } = await setup();
    await lowScore(2);
    await eventually(() => slack.callsTo('chat.postMessage').length >= 2, 5000);
    const limitedAt = slack.callsTo('chat.postMessage')[1]!.at;
    await eventually(() => slack.messages.length === 1, 8000);
    const attempts = alerts();
    expect(attempts).toHaveLength(3);
    expect(attempts[2]!.at - limitedAt).toBeGreaterThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.messages).toHaveLength(1);
  });

  it('posts once when the worker dies mid-delivery and another takes over', async () => {
    let release!: () => void;
    slack.script('chat.postMessage', { status: 200, hold: new Promise<void>((resolve) => (release = resolve)) });
    const world = await setup();
    await world.lowScore(2);
    await eventually(() => slack.callsTo('chat.postMessage').length === 1);
    bot!.worker.kill(); // dies with the post in flight
    release(); // ...which Slack then carries out
    await eventually(() => slack.messages.length === 1);
    bot!.worker.start(); // a fresh worker: the lease (1 s) runs out, it claims again and finds the message
    await eventually(async () => {
      const delivery = await db.orm.em
        .fork()
        .getConnection()
        .execute(
          "select message_ref from chat_delivery where platform = 'SLACK' and ticket_id in (select id from ticket where customer_id = ?)",
          [world.customer.id],
        );
      return delivery[0]?.message_ref;
    }, 8000);
    expect(slack.messages).toHaveLength(1);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });
});

describe('Customer feedback in Slack', () => {
  it('/feedback opens the form; 9 is stored without a ticket, 2 opens a ticket and an alert', async () => {
    const { send, customer, alerts } = await setup();
    const command = new URLSearchParams({
      command: '/feedback',
      user_id: customer.slackUserId!,
      trigger_id: 'trig',
      text: '',
    }).toString();
    expect((await send(command)).status).toBe(200);
    const form = await eventually(() => slack.callsTo('views.open')[0]);
    expect(form.args.view.callback_id).toBe('feedback_modal');

    const submit = (score: string, viewId: string) =>
      send(
        interactionBody({
          type: 'view_submission',
          user: { id: customer.slackUserId },
          view: {
            id: viewId,
            callback_id: 'feedback_modal',
            private_metadata: '',
            state: {
              values: {
                score: { value: { type: 'static_select', selected_option: { value: score } } },
                comment: { value: { value: 'ok' } },
              },
            },
          },
        }),
      );
    await submit('9', 'VIEW9');
    await eventually(() =>
      slack
        .callsTo('chat.postMessage')
        .some((c) => c.args.channel === customer.slackUserId && /Thank you/.test(c.args.text)),
    );
    const em = db.orm.em.fork();
    expect(await em.count(Feedback, { customer: customer.id, nps: 9, channel: 'SLACK' })).toBe(1);
    expect(await em.count(Ticket, { customer: customer.id })).toBe(0);

    await submit('2', 'VIEW2');
    await eventually(async () => (await db.orm.em.fork().count(Ticket, { customer: customer.id })) === 1);
    await eventually(() => alerts().length === 1);
  });

  it('a one-click DM survey stores the score once and offers a comment', async () => {
    const { admin, customer, send } = await setup();
    const { sendSurvey } = await admin(
      `mutation($input: SendSurveyInput!) { sendSurvey(input: $input) { __typename ... on Error { message } } }`,
      {
        input: { customerId: gid('Customer', customer.id), platform: 'SLACK' },
      },
    );
    expect(sendSurvey.__typename).toBe('SendSurveySuccess');
    const dm = await eventually(() => slack.messages.find((m) => m.channel === `D${customer.slackUserId!.slice(1)}`));
    const buttons = dm.blocks!.flatMap((b: any) => b.elements ?? []);
    const eight = buttons.find((e: any) => e.action_id === 'survey_score_8');
    const six = buttons.find((e: any) => e.action_id === 'survey_score_6');
    const clickScore = (button: any) =>
      send(
        interactionBody({
          type: 'block_actions',
          user: { id: customer.slackUserId },
          channel: { id: dm.channel },
          message: { ts: dm.ts },
          trigger_id: 'trig',
          actions: [{ type: 'button', action_id: button.action_id, value: button.value }],
        }),
      );
    await clickScore(eight);
    await eventually(() => slack.callsTo('chat.update').some((c) => /Thanks for your 8/.test(c.args.text)));
    await clickScore(six);
    await eventually(() => slack.callsTo('chat.postMessage').some((c) => /already used/.test(c.args.text ?? '')));
    expect(await db.orm.em.fork().count(Feedback, { customer: customer.id })).toBe(1);

    const again = await admin(
      `mutation($input: SendSurveyInput!) { sendSurvey(input: $input) { __typename ... on Error { message } } }`,
      {
        input: { customerId: gid('Customer', customer.id), platform: 'SLACK' },
      },
    );
    expect(again.sendSurvey).toMatchObject({ __typename: 'ConflictError' });
    expect(again.sendSurvey.message).toMatch(/within 7 days/);
  });
});

describe('Slack reminders and escalations', () => {
  it('reminds in the alert’s thread before the deadline and escalates to the team lead after it, once each', async () => {
    const { lowScore, alerts, lead } = await setup();
    const { ticket } = await lowScore(2);
    await eventually(() => alerts()[0]);
    const ts = slack.messages[0]!.ts;
    const em = db.orm.em.fork();
    const id = Number(Buffer.from(ticket.id, 'base64').toString().split(':')[1]);
    // The deadline is two hours away: within the four-hour reminder lead.
    await em.nativeUpdate(Ticket, { id }, { ackDueAt: new Date(Date.now() + 2 * 3_600_000) });
    const reminder = await eventually(() =>
      slack.messages.find((m) => m.thread_ts === ts && /Not acknowledged yet/.test(m.text ?? '')),
    );
    expect(reminder.channel).toBe(alerts()[0]!.args.channel);
    // Now the deadline has passed.
    await em.nativeUpdate(Ticket, { id }, { ackDueAt: new Date(Date.now() - 60_000) });
    const escalation = await eventually(() =>
      slack.messages.find((m) => m.thread_ts === ts && /Escalation/.test(m.text ?? '')),
    );
    expect(escalation.text).toContain(`<@${lead.slackUserId}>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.messages.filter((m) => m.thread_ts === ts)).toHaveLength(2);
  });
});
