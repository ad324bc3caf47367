import { ForbiddenError } from '../domain/errors.ts';
import {
  acknowledgeTicket,
  addTicketNote,
  assignTicket,
  closeTicket,
  recordApology,
  reopenTicket,
  resolveTicket,
} from '../domain/ticket-service.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { mutationErrors } from './errors.ts';
import { decodeId } from './ids.ts';
import { TicketRef } from './ticket.ts';

const ticketErrors = (what: string) =>
  mutationErrors(what, { name: 'ticket', description: 'The ticket after the change.' });
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

/** Bots act for the chat user who clicked; one not linked to a team member may not touch tickets. */
function actingFor(ctx: Context) {
  if (ctx.viewer.role === 'BOT' && ctx.actor.memberId === null) {
    throw new ForbiddenError('Your chat account is not linked to a loyalty-loop team member; ask an admin to link it.');
  }
  return ctx.actor;
}

const ticketId = (input: { ticketId: string }) => decodeId(input.ticketId, 'Ticket', 'input.ticketId');

builder.mutationFields((t) => ({
  claimTicket: t.field({
    type: TicketRef,
    description: 'Assigns the ticket to the member the API token belongs to.',
    errors: ticketErrors('claimTicket'),
    args: { input: t.arg({ type: inputs.claim, required: true, description: 'The ticket.' }) },
    resolve: (_root, { input }, ctx) => {
      const memberId = actingFor(ctx).memberId;
      if (memberId === null) throw new ForbiddenError('Claiming needs an API token that belongs to a team member.');
      return assignTicket(ctx.em, ticketId(input), actingFor(ctx), memberId);
    },
  }),
  assignTicket: t.field({
    type: TicketRef,
    description: 'Assigns the ticket to a member of its team.',
    errors: ticketErrors('assignTicket'),
    args: { input: t.arg({ type: inputs.assign, required: true, description: 'Ticket and assignee.' }) },
    resolve: (_root, { input }, ctx) =>
      assignTicket(
        ctx.em,
        ticketId(input),
        actingFor(ctx),
        decodeId(input.assigneeId, 'TeamMember', 'input.assigneeId'),
      ),
  }),
  acknowledgeTicket: t.field({
    type: TicketRef,
    description: 'OPEN → ACKNOWLEDGED. Assigns the ticket to the acknowledging member when nobody owns it yet.',
    errors: ticketErrors('acknowledgeTicket'),
    args: { input: t.arg({ type: inputs.acknowledge, required: true, description: 'The ticket.' }) },
    resolve: (_root, { input }, ctx) => acknowledgeTicket(ctx.em, ticketId(input), actingFor(ctx), input.note),
  }),
  recordApology: t.field({
    type: TicketRef,
    description: 'Records that the customer got an apology; an OPEN ticket becomes ACKNOWLEDGED.',
    errors: ticketErrors('recordApology'),
    args: { input: t.arg({ type: inputs.apologise, required: true, description: 'The apology.' }) },
    resolve: (_root, { input }, ctx) => recordApology(ctx.em, ticketId(input), actingFor(ctx), input.note),
  }),
  addTicketNote: t.field({
    type: TicketRef,
    description: 'Adds a note to the history of a ticket that is not CLOSED.',
    errors: ticketErrors('addTicketNote'),
    args: { input: t.arg({ type: inputs.note, required: true, description: 'The note.' }) },
    resolve: (_root, { input }, ctx) => addTicketNote(ctx.em, ticketId(input), actingFor(ctx), input),
  }),
  resolveTicket: t.field({
    type: TicketRef,
    description: 'ACKNOWLEDGED → RESOLVED, with the resolution.',
    errors: ticketErrors('resolveTicket'),
    args: { input: t.arg({ type: inputs.resolve, required: true, description: 'The resolution.' }) },
    resolve: (_root, { input }, ctx) => resolveTicket(ctx.em, ticketId(input), actingFor(ctx), input.resolution),
  }),
  reopenTicket: t.field({
    type: TicketRef,
    description: 'RESOLVED or CLOSED → OPEN; the acknowledgement clock starts again.',
    errors: ticketErrors('reopenTicket'),
    args: { input: t.arg({ type: inputs.reopen, required: true, description: 'The reason.' }) },
    resolve: (_root, { input }, ctx) => reopenTicket(ctx.em, ticketId(input), actingFor(ctx), input.reason),
  }),
  closeTicket: t.field({
    type: TicketRef,
    description: 'RESOLVED → CLOSED.',
    errors: ticketErrors('closeTicket'),
    args: { input: t.arg({ type: inputs.close, required: true, description: 'The ticket.' }) },
    resolve: (_root, { input }, ctx) => closeTicket(ctx.em, ticketId(input), actingFor(ctx), input.note),
  }),
}));
