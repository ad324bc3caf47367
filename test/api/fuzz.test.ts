import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot } from '../../bots/discord/app.ts';
import { createSlackBot } from '../../bots/slack/app.ts';
import { signSlackRequest } from '../../bots/slack/signature.ts';
import { Feedback, Ticket, TicketEvent } from '../../db/entities/index.ts';
import { gid } from '../support/api.ts';
import { chatWorld, serve } from '../support/chat-harness.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();

// Run counts: fuzzing is bounded so that `npm test` stays quick; raise them locally to dig deeper.
const runs = { documents: 300, feedback: 200, slack: 100, discord: 100 };

const validDocuments = [
  '{ customers(first: 5) { nodes { id name figures { latestNps } } } }',
  'query($id: ID!) { customer(id: $id) { name tickets { nodes { status } } } }',
  'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename ... on Error { code } } }',
  'mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }',
  '{ feedback(filter: { npsMin: 3 }) { totalCount } tickets(filter: { overdue: true }) { totalCount } }',
];

/** A valid document with a few characters inserted, deleted or swapped. */
const mutatedDocument = fc
  .tuple(
    fc.constantFrom(...validDocuments),
    fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 })), { maxLength: 4 }),
  )
  .map(([doc, edits]) =>
    edits.reduce((text, [at, insert, remove]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + remove);
    }, doc),
  );

const anyValue = fc.jsonValue({ maxDepth: 3 });

function assertClean(status: number, body: { errors?: { extensions?: { code?: string } }[] } | null) {
  expect(status).toBeLessThan(500);
  expect(body).not.toBeNull();
  for (const error of body?.errors ?? []) expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
}

describe('fuzzing the GraphQL API', () => {
  let world: Awaited<ReturnType<typeof chatWorld>>;
  let token: string;
  beforeAll(async () => {
    world = await chatWorld(db);
    token = await makeToken(db.orm.em.fork());
  });

  const send = async (body: string) => {
    const response = await world.app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const text = await response.text();
    let parsed: any = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  };

  it(`answers ${runs.documents} random and mangled documents and variables without a 500 or an unexpected error`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutatedDocument, fc.string({ maxLength: 200 })),
        fc.dictionary(fc.string({ maxLength: 5 }), anyValue),
        async (query, variables) => {
          const { status, body } = await send(JSON.stringify({ query, variables }));
          assertClean(status, body);
        },
      ),
      { numRuns: runs.documents },
    );
  });

  it('answers bodies that are not JSON with a 400, not a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (raw) => {
        const { status } = await send(raw);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });

  it(`stores exactly what it acknowledges for ${runs.feedback} random feedback inputs: never a partial write`, async () => {
    const em = db.orm.em.fork();
    const customer = await makeCustomer(em, await makeTeam(em));
    let stored = 0;
    const field = fc.oneof(
      fc.integer({ min: -3, max: 13 }),
      fc.double(),
      fc.string({ maxLength: 4 }),
      fc.constant(null),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            nps: field,
            csat: field,
            needsMet: field,
            comment: fc.oneof(
              fc.string({ maxLength: 40 }),
              fc.string({ minLength: 4990, maxLength: 5010 }),
              fc.constant('a\u0000b'),
            ),
            channel: fc.oneof(fc.constantFrom('WEB', 'API', 'SLACK'), fc.string({ maxLength: 5 })),
            submittedAt: fc.oneof(
              fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              fc.string({ maxLength: 12 }),
            ),
            idempotencyKey: fc.oneof(fc.uuid(), fc.string({ maxLength: 3 })),
          },
          { requiredKeys: ['channel', 'idempotencyKey'] },
        ),
        async (input) => {
          const { status, body } = await send(
            JSON.stringify({
              query: `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename ... on SubmitFeedbackResult { replayed } } }`,
              variables: { i: { customerId: gid('Customer', customer.id), ...input } },
            }),
          );
          assertClean(status, body);
          const result = body?.data?.submitFeedback;
          if (result?.__typename === 'SubmitFeedbackResult' && !result.replayed) stored++;
        },
      ),
      { numRuns: runs.feedback },
    );
    const fresh = db.orm.em.fork();
    expect(await fresh.count(Feedback, { customer: customer.id })).toBe(stored);
    const tickets = await fresh.find(Ticket, { customer: customer.id });
    for (const ticket of tickets) expect(await fresh.count(TicketEvent, { ticket, type: 'OPENED' })).toBe(1);
    // Each low answer either opened the one active ticket or was noted on it.
    expect(tickets.filter((t) => t.status === 'OPEN').length).toBeLessThanOrEqual(1);
  });
});

describe('fuzzing the bot endpoints', () => {
  const signingSecret = 'fuzz-secret';
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  let slackUrl: string;
  let discordUrl: string;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const world = await chatWorld(db);
    // The platforms' APIs accept the bot's token, then answer every call with a 500: what the bots
    // then try to tell users fails.
    const down = await serve((req, res) => {
      const ok = req.url?.endsWith('auth.test');
      res.writeHead(ok ? 200 : 500, { 'content-type': 'application/json' });
      res.end(ok ? '{"ok":true,"user_id":"UBOT","bot_id":"BBOT"}' : '{"ok":false}');
    });
    closers.push(down.close);
    const slack = createSlackBot({
      botToken: 'xoxb',
      mode: 'http',
      signingSecret,
      apiUrl: `${down.url}/api/`,
      api: world.api,
      log: () => {},
    });
    const discord = createDiscordBot({
      token: 't',
      applicationId: '1',
      mode: 'http',
      publicKey,
      apiUrl: `${down.url}/api`,
      api: world.api,
      log: () => {},
    });
    await slack.app.init();
    const slackServer = await serve((req, res) => void slack.handle!(req, res));
    const discordServer = await serve((req, res) => void discord.handle!(req, res));
    slackUrl = `${slackServer.url}/slack/events`;
    discordUrl = `${discordServer.url}/discord/interactions`;
    closers.push(slackServer.close, discordServer.close);
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it(`never answers ${runs.slack} random Slack requests, signed or not, with a 500`, async () => {
    const payload = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => `payload=${encodeURIComponent(JSON.stringify(value))}`),
      fc
        .record({
          type: fc.constantFrom('block_actions', 'view_submission', 'event_callback'),
          actions: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
        })
        .map((value) => `payload=${encodeURIComponent(JSON.stringify(value))}`),
    );
    await fc.assert(
      fc.asyncProperty(payload, fc.boolean(), async (body, signed) => {
        const timestamp = Math.floor(Date.now() / 1000);
        const response = await fetch(slackUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': signed ? signSlackRequest(signingSecret, body, timestamp) : 'v0=bad',
          },
          body,
        });
        expect(response.status).toBeLessThan(500);
        if (!signed) expect(response.status).toBe(401);
      }),
      { numRuns: runs.slack },
    );
  });

  it(`never answers ${runs.discord} random signed Discord interactions with a 500`, async () => {
    const interaction = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        id: fc.string({ maxLength: 5 }),
        type: fc.integer({ min: 0, max: 6 }),
        token: fc.string({ maxLength: 5 }),
        data: fc.record({
          custom_id: fc.string({ maxLength: 30 }),
          name: fc.string({ maxLength: 8 }),
          components: fc.jsonValue({ maxDepth: 2 }),
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(interaction, async (value) => {
        const body = JSON.stringify(value) ?? 'null';
        const timestamp = String(Math.floor(Date.now() / 1000));
        const response = await fetch(discordUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-signature-timestamp': timestamp,
            'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex'),
          },
          body,
        });
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: runs.discord },
    );
  });
});
