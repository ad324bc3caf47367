import { describe, expect, it } from 'vitest';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

describe('ticket.viewerCan', () => {
  it('offers the actions the role and the status allow, and changes as the ticket moves', async () => {
    const em = db.orm.em.fork();
    const team = await makeTeam(em);
    const customer = await makeCustomer(em, team);
    const manager = await makeToken(em, 'MEMBER', await makeMember(em, team));
    const lead = await makeToken(em, 'MEMBER', await makeMember(em, team, 'TEAM_LEAD'));
    const service = await makeToken(em, 'SERVICE');
    const opened = await graphql(
      lead,
      `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } } }`,
      { i: { customerId: gid('Customer', customer.id), nps: 2, channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
    );
    const ticketId = opened.data.submitFeedback.ticket.id;
    const can = async (token: string) =>
      (
        await graphql(
          token,
          'query($id: ID!) { node(id: $id) { ... on Ticket { viewerCan { acknowledge apologise resolve close reopen addNote claim assign grantGoodwill } } } }',
          { id: ticketId },
        )
      ).data.node.viewerCan;
    expect(await can(manager)).toEqual({
      acknowledge: true,
      apologise: true,
      resolve: false,
      close: false,
      reopen: false,
      addNote: true,
      claim: true,
      assign: false,
      grantGoodwill: true,
    });
    expect((await can(lead)).assign).toBe(true);
    expect(Object.values(await can(service)).some(Boolean)).toBe(false);

    await graphql(manager, 'mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }', {
      i: { ticketId },
    });
    await graphql(manager, 'mutation($i: ResolveTicketInput!) { resolveTicket(input: $i) { __typename } }', {
      i: { ticketId, resolution: 'Nieuw pakket gestuurd' },
    });
    expect(await can(manager)).toMatchObject({
      acknowledge: false,
      resolve: false,
      close: true,
      reopen: true,
      apologise: false,
    });
  });
});
