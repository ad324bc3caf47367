import { describe, expect, it } from 'vitest';
import { Ticket, TicketEvent } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const ticketFields = `id status version acknowledgedAt resolvedAt closedAt resolution assignee { id name }
  events { nodes { type note actorName channel fromStatus toStatus actor { id } } }`;

const action = (name: string, inputType: string) => `mutation($input: ${inputType}!) {
  ${name}(input: $input) {
    __typename
    ... on ${name.charAt(0).toUpperCase() + name.slice(1)}Success { ticket { ${ticketFields} } }
    ... on Error { code field message }
  }
}`;

const mutations = {
  claim: action('claimTicket', 'ClaimTicketInput'),
  assign: action('assignTicket', 'AssignTicketInput'),
  acknowledge: action('acknowledgeTicket', 'AcknowledgeTicketInput'),
  apologise: action('recordApology', 'RecordApologyInput'),
  note: action('addTicketNote', 'AddTicketNoteInput'),
  resolve: action('resolveTicket', 'ResolveTicketInput'),
  reopen: action('reopenTicket', 'ReopenTicketInput'),
  close: action('closeTicket', 'CloseTicketInput'),
};

/** A team with a manager (and their token) and an OPEN ticket opened by NPS 2 feedback. */
async function openTicket() {
  const em = db.orm.em.fork();
  const team = await makeTeam(em);
  const manager = await makeMember(em, team);
  const token = await makeToken(em, 'MEMBER', manager);
  const customer = await makeCustomer(em, team);
  const { data } = await graphql(
    token,
    `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { ... on SubmitFeedbackResult { ticket { id } } } }`,
    {
      input: { customerId: gid('Customer', customer.id), nps: 2, channel: 'WEB', idempotencyKey: crypto.randomUUID() },
    },
  );
  const ticketId: string = data.submitFeedback.ticket.id;
  const run = async (name: keyof typeof mutations, input: Record<string, unknown> = {}, as = token) => {
    const result = await graphql(as, mutations[name], { input: { ticketId, ...input } });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data as Record<string, any>)[0];
  };
  const stored = async () => {
    const fresh = db.orm.em.fork();
    const id = Number(Buffer.from(ticketId, 'base64').toString().split(':')[1]);
    return { ticket: await fresh.findOneOrFail(Ticket, id), events: await fresh.count(TicketEvent, { ticket: id }) };
  };
  return { em, team, manager, token, customer, ticketId, run, stored };
}

describe('recovery ticket lifecycle through the API', () => {
  it('goes claim → acknowledge → apologise → note → resolve → close, recording who, what and how', async () => {
    const { run, manager } = await openTicket();
    const me = gid('TeamMember', manager.id);

    expect((await run('claim')).ticket.assignee).toEqual({ id: me, name: manager.name });
    expect((await run('acknowledge', { note: 'Called the customer' })).ticket).toMatchObject({
      status: 'ACKNOWLEDGED',
    });
    expect((await run('apologise', { note: 'Apologised on the phone' })).ticket.status).toBe('ACKNOWLEDGED');
    await run('note', { note: 'Replacement shipped' });
    const resolved = (await run('resolve', { resolution: 'Sent a new machine and a voucher' })).ticket;
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolution: 'Sent a new machine and a voucher' });
    expect(resolved.resolvedAt).not.toBeNull();
    const closed = (await run('close')).ticket;
    expect(closed.status).toBe('CLOSED');

    const history = [...closed.events.nodes].reverse();
    expect(history.map((e: any) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['OPENED', null, 'OPEN'],
      ['ASSIGNED', 'OPEN', 'OPEN'],
      ['ACKNOWLEDGED', 'OPEN', 'ACKNOWLEDGED'],
      ['APOLOGISED', 'ACKNOWLEDGED', 'ACKNOWLEDGED'],
      ['NOTE', 'ACKNOWLEDGED', 'ACKNOWLEDGED'],
      ['RESOLVED', 'ACKNOWLEDGED', 'RESOLVED'],
      ['CLOSED', 'RESOLVED', 'CLOSED'],
    ]);
    for (const event of history.slice(1)) {
      expect(event).toMatchObject({ actorName: manager.name, channel: 'API', actor: { id: me } });
    }
    expect(history[4].note).toBe('Replacement shipped');
  });

  it('reopens a resolved ticket with a fresh acknowledgement deadline', async () => {
    const { run } = await openTicket();
    await run('acknowledge');
    await run('resolve', { resolution: 'Refunded' });
    const reopened = (await run('reopen', { reason: 'Refund never arrived' })).ticket;
    expect(reopened).toMatchObject({ status: 'OPEN', acknowledgedAt: null, resolvedAt: null, resolution: null });
    expect(reopened.events.nodes[0]).toMatchObject({ type: 'REOPENED', note: 'Refund never arrived' });
  });

  it('an apology acknowledges an OPEN ticket', async () => {
    const { run } = await openTicket();
    const ticket = (await run('apologise', { note: 'Sorry!' })).ticket;
    expect(ticket.status).toBe('ACKNOWLEDGED');
    expect(ticket.acknowledgedAt).not.toBeNull();
  });

  it.each([
    ['resolve', [], { resolution: 'x' }, 'OPEN'],
    ['close', [], {}, 'OPEN'],
    ['reopen', [], { reason: 'x' }, 'OPEN'],
    ['acknowledge', ['acknowledge'], {}, 'ACKNOWLEDGED'],
    ['close', ['acknowledge'], {}, 'ACKNOWLEDGED'],
    ['resolve', ['acknowledge', 'resolve'], { resolution: 'x' }, 'RESOLVED'],
  ] as const)(
    'refuses to %s after %o with InvalidTransitionError and writes nothing',
    async (name, before, input, status) => {
      const { run, stored } = await openTicket();
      for (const step of before) await run(step, step === 'resolve' ? { resolution: 'done' } : {});
      const { events: eventsBefore, ticket: ticketBefore } = await stored();
      const result = await run(name, input);
      expect(result).toMatchObject({ __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION' });
      expect(result.message).toContain(`a ${status} ticket`);
      const after = await stored();
      expect(after.events).toBe(eventsBefore);
      expect(after.ticket.version).toBe(ticketBefore.version);
      expect(after.ticket.status).toBe(status);
    },
  );

  it('adds a retried note once when it carries an idempotency key', async () => {
    const { run, stored } = await openTicket();
    const idempotencyKey = crypto.randomUUID();
    await run('note', { note: 'Called back', idempotencyKey });
    await run('note', { note: 'Called back', idempotencyKey });
    expect((await stored()).events).toBe(2);
  });

  it('refuses notes on a CLOSED ticket', async () => {
    const { run } = await openTicket();
    await run('acknowledge');
    await run('resolve', { resolution: 'ok' });
    await run('close');
    expect(await run('note', { note: 'late' })).toMatchObject({ __typename: 'InvalidTransitionError' });
  });

  it('lets a team lead assign, only to members of the ticket’s own team; an account manager may not assign', async () => {
    const { run, em, stored, team, manager } = await openTicket();
    const lead = await makeToken(em, 'MEMBER', await makeMember(em, team, 'TEAM_LEAD'));
    const outsider = await makeMember(em, await makeTeam(em));
    const refused = await run('assign', { assigneeId: gid('TeamMember', manager.id) });
    expect(refused).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    const wrongTeam = await run('assign', { assigneeId: gid('TeamMember', outsider.id) }, lead);
    expect(wrongTeam).toMatchObject({ __typename: 'ValidationError', field: 'input.assigneeId' });
    expect((await stored()).ticket.assignee).toBeNull();
    const assigned = await run('assign', { assigneeId: gid('TeamMember', manager.id) }, lead);
    expect(assigned.ticket.assignee).toEqual({ id: gid('TeamMember', manager.id), name: manager.name });
  });

  it('needs a member token to claim', async () => {
    const { run, em } = await openTicket();
    const serviceToken = await makeToken(em, 'SERVICE');
    expect(await run('claim', {}, serviceToken)).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
  });

  it('validates notes and unknown tickets', async () => {
    const { run, token } = await openTicket();
    expect(await run('resolve', { resolution: '  ' })).toMatchObject({
      __typename: 'ValidationError',
      field: 'input.resolution',
    });
    const missing = await graphql(token, mutations.acknowledge, { input: { ticketId: gid('Ticket', 987_654) } });
    expect(missing.data.acknowledgeTicket).toMatchObject({ __typename: 'NotFoundError', field: 'input.ticketId' });
  });

  it('lets one of two simultaneous resolutions win and tells the other it conflicted', async () => {
    const { run, stored } = await openTicket();
    await run('acknowledge');
    const results = await Promise.all([run('resolve', { resolution: 'A' }), run('resolve', { resolution: 'B' })]);
    const kinds = results.map((r) => r.__typename).sort();
    expect(kinds[1]).toBe('ResolveTicketSuccess');
    expect(['ConflictError', 'InvalidTransitionError']).toContain(kinds[0]);
    const after = await stored();
    expect(after.events).toBe(3);
  });
});

describe('tickets query', () => {
  it('filters by status, team, assignee and overdue', async () => {
    const first = await openTicket();
    const second = await openTicket();
    await second.run('claim');
    await second.run('acknowledge');
    // Make the first ticket overdue: its acknowledgement deadline has passed.
    await first.em.nativeUpdate(Ticket, { team: first.team.id }, { ackDueAt: new Date(Date.now() - 60_000) });

    const admin = await makeToken(first.em, 'ADMIN');
    const list = async (filter: Record<string, unknown>) => {
      const { data, errors } = await graphql(
        admin,
        `query($filter: TicketFilter) { tickets(first: 50, filter: $filter) { totalCount nodes { id } } }`,
        { filter },
      );
      expect(errors).toBeUndefined();
      return data.tickets.nodes.map((n: { id: string }) => n.id);
    };
    const teams = [gid('Team', first.team.id), gid('Team', second.team.id)];
    expect(await list({ teamIds: teams })).toHaveLength(2);
    expect(await list({ teamIds: teams, statuses: ['OPEN'] })).toEqual([first.ticketId]);
    expect(await list({ teamIds: teams, assigneeId: gid('TeamMember', second.manager.id) })).toEqual([second.ticketId]);
    expect(await list({ teamIds: teams, overdue: true })).toEqual([first.ticketId]);
    expect(await list({ teamIds: teams, overdue: false })).toEqual([second.ticketId]);
    expect(await list({ teamIds: teams, unassigned: true })).toEqual([first.ticketId]);
  });
});
