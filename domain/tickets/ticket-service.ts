import { type EntityManager, OptimisticLockError } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { TeamMember, Ticket, TicketEvent } from '../../db/entities/index.ts';
import type { TicketEventType } from '../../db/enums.ts';
import type { Actor } from '../access/actor.ts';
import { ticketAlertsOutdated } from '../chat/outbox.ts';
import { findByIdempotencyKey } from '../data/idempotency.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { parseInput, text } from '../shared/validation.ts';
import { cancelFollowUp, defaultFollowUpPolicy, type FollowUpPolicy, scheduleFollowUp } from '../surveys/follow-up.ts';
import { appendTicketEvent } from './ticket-events.ts';
import { assertNotClosed, canApologise, nextStatus, slaDueTimes, type TicketAction } from './ticket-lifecycle.ts';

interface Change {
  type: TicketEventType;
  note?: string | null;
  idempotencyKey?: string | null;
  /** Changes the ticket; `tx` is the transaction's EntityManager, for references. */
  apply(ticket: Ticket, now: Date, tx: EntityManager): void;
  /** Work that follows from the change, in its transaction and saved with it. */
  alsoDo?(ticket: Ticket, now: Date, tx: EntityManager): Promise<void>;
}

/**
 * Loads the ticket, applies one change and appends its event in one transaction. The version
 * column turns a concurrent change of the same ticket into a ConflictError instead of a lost update.
 */
async function changeTicket(em: EntityManager, ticketId: number, actor: Actor, change: Change): Promise<Ticket> {
  try {
    return await em.transactional(async (tx) => {
      const ticket = await tx.findOne(Ticket, ticketId, { populate: ['team'] });
      if (!ticket) throw new NotFoundError('No ticket with this id.', 'input.ticketId');
      const fromStatus = ticket.status;
      const now = new Date();
      change.apply(ticket, now, tx);
      await change.alsoDo?.(ticket, now, tx);
      appendTicketEvent(tx, ticket, actor, {
        type: change.type,
        fromStatus,
        note: change.note ?? null,
        idempotencyKey: change.idempotencyKey ?? null,
        at: now,
      });
      await tx.flush();
      await ticketAlertsOutdated(tx, ticket);
      return ticket;
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw new ConflictError(
        'The ticket was changed by someone else at the same time; reload and try again.',
        'input.ticketId',
      );
    }
    throw error;
  }
}

function transition(
  action: TicketAction,
  type: TicketEventType,
  note: string | null,
  extra?: (ticket: Ticket, now: Date, tx: EntityManager) => void,
): Change {
  return {
    type,
    note,
    apply(ticket, now, tx) {
      ticket.status = nextStatus(ticket.status, action);
      extra?.(ticket, now, tx);
    },
  };
}

const optionalNote = text.note.nullish();

export function acknowledgeTicket(em: EntityManager, ticketId: number, actor: Actor, note?: string | null) {
  const parsed = parseInput(optionalNote, note, 'input.note') ?? null;
  return changeTicket(
    em,
    ticketId,
    actor,
    transition('acknowledge', 'ACKNOWLEDGED', parsed, (ticket, now, tx) => {
      ticket.acknowledgedAt = now;
      ticket.assignee ??= actor.memberId === null ? null : tx.getReference(TeamMember, actor.memberId);
    }),
  );
}

/** An apology is part of admitting the problem, so it also acknowledges an open ticket. */
export function recordApology(em: EntityManager, ticketId: number, actor: Actor, note: string) {
  const parsed = parseInput(text.note, note, 'input.note');
  return changeTicket(em, ticketId, actor, {
    type: 'APOLOGISED',
    note: parsed,
    apply(ticket, now) {
      if (!canApologise(ticket.status)) {
        throw new InvalidTransitionError(`Cannot record an apology on a ${ticket.status} ticket; reopen it first.`);
      }
      if (ticket.status === 'OPEN') {
        ticket.status = nextStatus(ticket.status, 'acknowledge');
        ticket.acknowledgedAt = now;
      }
    },
  });
}

/** Resolving a recovery ticket schedules the customer's follow-up survey (scheduleFollowUp). */
export function resolveTicket(
  em: EntityManager,
  ticketId: number,
  actor: Actor,
  resolution: string,
  followUp: FollowUpPolicy = defaultFollowUpPolicy,
) {
  const parsed = parseInput(text.note, resolution, 'input.resolution');
  return changeTicket(em, ticketId, actor, {
    ...transition('resolve', 'RESOLVED', parsed, (ticket, now) => {
      ticket.resolvedAt = now;
      ticket.resolution = parsed;
    }),
    alsoDo: (ticket, now, tx) => scheduleFollowUp(tx, ticket, now, followUp),
  });
}

export function closeTicket(em: EntityManager, ticketId: number, actor: Actor, note?: string | null) {
  const parsed = parseInput(optionalNote, note, 'input.note') ?? null;
  return changeTicket(
    em,
    ticketId,
    actor,
    transition('close', 'CLOSED', parsed, (ticket, now) => {
      ticket.closedAt = now;
    }),
  );
}

/** Reopening starts the acknowledgement clock again: the customer is waiting once more. */
export function reopenTicket(em: EntityManager, ticketId: number, actor: Actor, reason: string) {
  const parsed = parseInput(text.note, reason, 'input.reason');
  return changeTicket(em, ticketId, actor, {
    ...transition('reopen', 'REOPENED', parsed, (ticket, now) => {
      Object.assign(ticket, slaDueTimes(now, ticket.team));
      ticket.acknowledgedAt = null;
      ticket.resolvedAt = null;
      ticket.closedAt = null;
      ticket.resolution = null;
    }),
    alsoDo: (ticket, _now, tx) => cancelFollowUp(tx, ticket),
  });
}

/** Assigns the ticket to a member of its own team (claiming is assigning to oneself). */
export async function assignTicket(em: EntityManager, ticketId: number, actor: Actor, assigneeId: number) {
  const assignee = await em.findOne(TeamMember, assigneeId);
  if (!assignee) throw new NotFoundError('No team member with this id.', 'input.assigneeId');
  return changeTicket(em, ticketId, actor, {
    type: 'ASSIGNED',
    note: `Assigned to ${assignee.name}`,
    apply(ticket) {
      assertNotClosed(ticket.status, 'assign');
      if (assignee.team.id !== ticket.team.id) {
        throw new ValidationError("The assignee must be a member of the ticket's team.", 'input.assigneeId');
      }
      ticket.assignee = assignee;
    },
  });
}

const noteSchema = z.object({ note: text.note, idempotencyKey: text.idempotencyKey.nullish() });

/** Adds a note; with an idempotency key a retried call adds it once. */
export async function addTicketNote(
  em: EntityManager,
  ticketId: number,
  actor: Actor,
  raw: { note: string; idempotencyKey?: string | null },
) {
  const input = parseInput(noteSchema, raw);
  const key = input.idempotencyKey;
  if (key) {
    return em.transactional(async (tx) => {
      const existing = await findByIdempotencyKey(tx, TicketEvent, key, ['ticket']);
      if (existing) return existing.ticket;
      return addNote(tx, ticketId, actor, input.note, key);
    });
  }
  return addNote(em, ticketId, actor, input.note, null);
}

function addNote(em: EntityManager, ticketId: number, actor: Actor, note: string, idempotencyKey: string | null) {
  return changeTicket(em, ticketId, actor, {
    type: 'NOTE',
    note,
    idempotencyKey,
    apply(ticket) {
      assertNotClosed(ticket.status, 'add a note to');
    },
  });
}

/**
 * Records on the ticket's history what another feature did for it (a goodwill reward), in the
 * caller's transaction; unlike a member's note it is allowed on a closed ticket.
 */
export function recordOnTicket(tx: EntityManager, ticketId: number, actor: Actor, note: string) {
  return changeTicket(tx, ticketId, actor, { type: 'NOTE', note, apply() {} });
}
