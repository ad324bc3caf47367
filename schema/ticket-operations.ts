import { ForbiddenError } from '../domain/shared/errors.ts';
import {
  acknowledgeTicket,
  addTicketNote,
  assignTicket,
  closeTicket,
  recordApology,
  reopenTicket,
  resolveTicket,
} from '../domain/tickets/ticket-service.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { mutationErrors } from './errors.ts';
import { allow, visibleTicket } from './guards.ts';
import { decodeId } from './ids.ts';
import { TicketRef } from './ticket.ts';

const ticketErrors = (what: string) =>
  mutationErrors(what, ['notFound', 'conflict', 'transition'], {
    name: 'ticket',
    description: 'The ticket after the change.',
  });
const ticketIdDescription = 'Global id of the ticket.';
const optionalNote = 'Optional note for the history.';

const inputs = {
  claim: builder.inputType('ClaimTicketInput', {
    description: 'The ticket to take on yourself.',
    fields: (t) => ({ ticketId: t.id({ required: true, description: ticketIdDescription }) }),
  }),
  assign: builder.inputType('AssignTicketInput', {
    description: 'Who should own the ticket.',
    fields: (t) => ({
      ticketId: t.id({ required: true, description: ticketIdDescription }),
      assigneeId: t.id({ required: true, description: 'Global id of a member of the ticket’s team.' }),
    }),
  }),
  acknowledge: builder.inputType('AcknowledgeTicketInput', {
    description: 'Acknowledge an OPEN ticket: the team has seen it and is on it.',
    fields: (t) => ({
      ticketId: t.id({ required: true, description: ticketIdDescription }),
      note: t.string({ description: optionalNote }),
    }),
  }),
  apologise: builder.inputType('RecordApologyInput', {
    description: 'Record the apology made to the customer.',
    fields: (t) => ({
      ticketId: t.id({ required: true, description: ticketIdDescription }),
      note: t.string({ required: true, description: 'What was said, and how.' }),
    }),
  }),
  note: builder.inputType('AddTicketNoteInput', {
    description: 'A note for the ticket’s history.',
    fields: (t) => ({
      ticketId: t.id({ required: true, description: ticketIdDescription }),
      note: t.string({ required: true, description: 'The note, up to 5000 characters.' }),
      idempotencyKey: t.string({ description: 'Any unique string; a retry with the same key adds the note once.' }),
    }),
  }),
  resolve: builder.inputType('ResolveTicketInput', {
    description: 'Resolve an ACKNOWLEDGED ticket.',
    fields: (t) => ({
      ticketId: t.id({ required: true, description: ticketIdDescription }),
      resolution: t.string({ required: true, description: 'How the problem was fixed.' }),
    }),
  }),
  reopen: builder.inputType('ReopenTicketInput', {
    description: 'Reopen a RESOLVED or CLOSED ticket.',
    fields: (t) => ({
      ticketId: t.id({ required: true, description: ticketIdDescription }),
      reason: t.string({ required: true, description: 'Why the fix did not hold.' }),
    }),
  }),
  close: builder.inputType('CloseTicketInput', {
    description: 'Close a RESOLVED ticket.',
    fields: (t) => ({
      ticketId: t.id({ required: true, description: ticketIdDescription }),
      note: t.string({ description: optionalNote }),
    }),
  }),
};

/**
 * Checks that the caller may act on this ticket and returns its id and the actor to record.
 * Bots act for the chat user who clicked; one not linked to a team member is told so.
 */
async function authorize(
  ctx: Context,
  input: { ticketId: string },
  operation: 'ticket.act' | 'ticket.assign' = 'ticket.act',
) {
  if (ctx.viewer.role === 'BOT' && ctx.actor.memberId === null) {
    throw new ForbiddenError('Your chat account is not linked to a loyalty-loop team member; ask an admin to link it.');
  }
  allow(ctx, operation);
  const ticket = await visibleTicket(ctx, decodeId(input.ticketId, 'Ticket', 'input.ticketId'), 'input.ticketId');
  return { id: ticket.id, actor: ctx.actor };
}

builder.mutationFields((t) => ({
  claimTicket: t.field({
    type: TicketRef,
    description: 'Assigns the ticket to the member the API token belongs to.',
    errors: ticketErrors('claimTicket'),
    args: { input: t.arg({ type: inputs.claim, required: true, description: 'The ticket.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input);
      if (actor.memberId === null)
        throw new ForbiddenError('Claiming needs an API token that belongs to a team member.');
      return assignTicket(ctx.em, id, actor, actor.memberId);
    },
  }),
  assignTicket: t.field({
    type: TicketRef,
    description: 'Assigns the ticket to a member of its team.',
    errors: ticketErrors('assignTicket'),
    args: { input: t.arg({ type: inputs.assign, required: true, description: 'Ticket and assignee.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input, 'ticket.assign');
      return assignTicket(ctx.em, id, actor, decodeId(input.assigneeId, 'TeamMember', 'input.assigneeId'));
    },
  }),
  acknowledgeTicket: t.field({
    type: TicketRef,
    description: 'OPEN → ACKNOWLEDGED. Assigns the ticket to the acknowledging member when nobody owns it yet.',
    errors: ticketErrors('acknowledgeTicket'),
    args: { input: t.arg({ type: inputs.acknowledge, required: true, description: 'The ticket.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input);
      return acknowledgeTicket(ctx.em, id, actor, input.note);
    },
  }),
  recordApology: t.field({
    type: TicketRef,
    description: 'Records that the customer got an apology; an OPEN ticket becomes ACKNOWLEDGED.',
    errors: ticketErrors('recordApology'),
    args: { input: t.arg({ type: inputs.apologise, required: true, description: 'The apology.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input);
      return recordApology(ctx.em, id, actor, input.note);
    },
  }),
  addTicketNote: t.field({
    type: TicketRef,
    description: 'Adds a note to the history of a ticket that is not CLOSED.',
    errors: ticketErrors('addTicketNote'),
    args: { input: t.arg({ type: inputs.note, required: true, description: 'The note.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input);
      return addTicketNote(ctx.em, id, actor, input);
    },
  }),
  resolveTicket: t.field({
    type: TicketRef,
    description: 'ACKNOWLEDGED → RESOLVED, with the resolution.',
    errors: ticketErrors('resolveTicket'),
    args: { input: t.arg({ type: inputs.resolve, required: true, description: 'The resolution.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input);
      return resolveTicket(ctx.em, id, actor, input.resolution, ctx.settings.followUp);
    },
  }),
  reopenTicket: t.field({
    type: TicketRef,
    description: 'RESOLVED or CLOSED → OPEN; the acknowledgement clock starts again.',
    errors: ticketErrors('reopenTicket'),
    args: { input: t.arg({ type: inputs.reopen, required: true, description: 'The reason.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input);
      return reopenTicket(ctx.em, id, actor, input.reason);
    },
  }),
  closeTicket: t.field({
    type: TicketRef,
    description: 'RESOLVED → CLOSED.',
    errors: ticketErrors('closeTicket'),
    args: { input: t.arg({ type: inputs.close, required: true, description: 'The ticket.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, actor } = await authorize(ctx, input);
      return closeTicket(ctx.em, id, actor, input.note);
    },
  }),
}));
