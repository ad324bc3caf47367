import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();

/** A browser app says where a person acted with X-Client-Channel; the ticket history keeps it. */
describe('X-Client-Channel', () => {
  async function setup() {
    const app = createApp({ orm: db.orm, logger: createLogger('silent') });
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const member = await makeMember(em, team);
    const token = await makeToken(em, 'MEMBER', member);
    const customer = await makeCustomer(em, team);
    const call = async (query: string, variables: Record<string, unknown>, channel?: string) => {
      const response = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(channel === undefined ? {} : { 'x-client-channel': channel }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const opened = await call(
      `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } } }`,
      { i: { customerId: gid('Customer', customer.id), nps: 1, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    );
    return { call, member, ticketId: opened.body.data.submitFeedback.ticket.id as string };
  }

  const acknowledge = `mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }`;
  const note = `mutation($i: AddTicketNoteInput!) { addTicketNote(input: $i) { __typename } }`;
  const history = `query($id: ID!) { node(id: $id) { ... on Ticket { events(first: 10) { nodes { type channel actorName } } } } }`;

  it('records WEB for a browser, API without the header, and the member as the actor either way', async () => {
    const { call, member, ticketId } = await setup();
    expect((await call(acknowledge, { i: { ticketId } }, 'web')).body.data.acknowledgeTicket.__typename).toBe(
      'AcknowledgeTicketSuccess',
    );
    await call(note, { i: { ticketId, note: 'Teruggebeld' } });
    const { body } = await call(history, { id: ticketId });
    expect(body.data.node.events.nodes.slice(0, 2)).toEqual([
      { type: 'NOTE', channel: 'API', actorName: member.name },
      { type: 'ACKNOWLEDGED', channel: 'WEB', actorName: member.name },
    ]);
  });

  it('refuses a channel a client may not claim (a chat platform, the product itself) with 400 and writes nothing', async () => {
    const { call, ticketId } = await setup();
    for (const channel of ['SLACK', 'SYSTEM', 'carrier pigeon']) {
      const { status, body } = await call(acknowledge, { i: { ticketId } }, channel);
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0].message).toContain('X-Client-Channel');
    }
    const { body } = await call(history, { id: ticketId });
    expect(body.data.node.events.nodes.map((event: { type: string }) => event.type)).toEqual(['OPENED']);
  });
});
