import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { createGraphQLClient } from '../../bots/graphql-client.ts';
import { createLogger } from '../../server/logger.ts';
import { startReminderSweep } from '../../server/reminder-sweep.ts';
import { createApp, defaultSettings } from '../../server/yoga.ts';
import type { TestDatabase } from './database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from './factories.ts';

let counter = 0;

// Each world's reminder sweep runs as main.ts runs it, only more often; all stop with the file.
const sweeps: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(sweeps.map((sweep) => sweep.stop()));
});

/**
 * The API in-process plus a team whose alerts go to chat, a linked account manager, a linked
 * customer and a BOT token: what every chat test starts from. Chat ids are unique per call so
 * that tests in one file never see each other's data.
 */
export async function chatWorld(db: TestDatabase) {
  const n = `${process.env.VITEST_POOL_ID ?? 1}${++counter}${Date.now() % 100000}`;
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  team.slackChannelId = `CTEAM${n}`;
  team.discordChannelId = `9${n}`;
  const manager = await makeMember(em, team);
  manager.slackUserId = `UMANAGER${n}`;
  manager.discordUserId = `8${n}`;
  const lead = await makeMember(em, team, 'TEAM_LEAD');
  lead.slackUserId = `ULEAD${n}`;
  lead.discordUserId = `7${n}`;
  const customer = await makeCustomer(em, team, { slackUserId: `UCUSTOMER${n}`, discordUserId: `6${n}` });
  await em.flush();
  const app = createApp({
    orm: db.orm,
    logger: createLogger('silent'),
    settings: { ...defaultSettings, delivery: { leaseSeconds: 1, maxAttempts: 10 } },
  });
  sweeps.push(
    startReminderSweep(db.orm, { everySeconds: 0.1, reminderLeadMinutes: 240, logger: createLogger('silent') }),
  );
  const botToken = await makeToken(em, 'BOT');
  const adminToken = await makeToken(em, 'ADMIN');
  const api = createGraphQLClient({
    url: 'http://yoga/graphql',
    token: botToken,
    fetch: (url, init) => app.fetch(url, init),
  });
  const admin = createGraphQLClient({
    url: 'http://yoga/graphql',
    token: adminToken,
    fetch: (url, init) => app.fetch(url, init),
  });
  return { em, team, manager, lead, customer, app, api, admin };
}

/** Serves a bot's HTTP endpoint on 127.0.0.1 for signed requests. */
export async function serve(handler: RequestListener) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const submitFeedback = `mutation($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) { __typename ... on SubmitFeedbackResult { ticket { id } feedback { id } } ... on Error { message } }
}`;

export const ticketState = `query($id: ID!) { node(id: $id) { ... on Ticket {
  status version resolution assignee { name }
  events { totalCount nodes { type note actorName channel actor { name } } }
} } }`;
