import type { FilterQuery } from '@mikro-orm/core';
import type { Ticket } from '../../db/entities/index.ts';
import type { TicketStatus } from '../../db/enums.ts';
import { InvalidTransitionError } from '../shared/errors.ts';

export type TicketAction = 'acknowledge' | 'resolve' | 'close' | 'reopen';

/**
 * Allowed moves. A ticket must be acknowledged before it is resolved (admit, apologise, fix), and
 * resolved before it is closed; a resolved or closed ticket may be reopened when the fix did not hold.
 */
const moves: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  acknowledge: { from: ['OPEN'], to: 'ACKNOWLEDGED' },
  resolve: { from: ['ACKNOWLEDGED'], to: 'RESOLVED' },
  close: { from: ['RESOLVED'], to: 'CLOSED' },
  reopen: { from: ['RESOLVED', 'CLOSED'], to: 'OPEN' },
};

export function nextStatus(current: TicketStatus, action: TicketAction): TicketStatus {
  const move = moves[action];
  if (!canMove(current, action)) {
    const allowed = move.from.join(' or ');
    throw new InvalidTransitionError(`Cannot ${action} a ${current} ticket; it must be ${allowed}.`);
  }
  return move.to;
}

/** Whether a move is allowed from a status. */
export function canMove(current: TicketStatus, action: TicketAction): boolean {
  return moves[action].from.includes(current);
}

/** An apology is recorded on a ticket still being worked (it acknowledges an open one). */
export function canApologise(current: TicketStatus): boolean {
  return current === 'OPEN' || current === 'ACKNOWLEDGED';
}

/**
 * What the status of a ticket allows now: the lifecycle's half of "may I?" (the access rules say
 * who). Notes and assignment are allowed until a ticket is closed.
 */
export function actionsInStatus(current: TicketStatus) {
  const open = current !== 'CLOSED';
  return {
    acknowledge: canMove(current, 'acknowledge'),
    resolve: canMove(current, 'resolve'),
    close: canMove(current, 'close'),
    reopen: canMove(current, 'reopen'),
    apologise: canApologise(current),
    addNote: open,
    assign: open,
  };
}

/** Open tickets still need the team's attention. */
export const activeStatuses: readonly TicketStatus[] = ['OPEN', 'ACKNOWLEDGED'];

/** Notes and assignment are allowed until a ticket is closed. */
export function assertNotClosed(current: TicketStatus, what: string): void {
  if (current === 'CLOSED') throw new InvalidTransitionError(`Cannot ${what} a CLOSED ticket; reopen it first.`);
}

export interface SlaPolicy {
  ackSlaHours: number;
  resolveSlaHours: number;
}

const hour = 3_600_000;

export function slaDueTimes(openedAt: Date, policy: SlaPolicy): { ackDueAt: Date; resolveDueAt: Date } {
  return {
    ackDueAt: new Date(openedAt.getTime() + policy.ackSlaHours * hour),
    resolveDueAt: new Date(openedAt.getTime() + policy.resolveSlaHours * hour),
  };
}

/** Overdue: still waiting for the step whose due time has passed. */
export function isOverdue(ticket: { status: TicketStatus; ackDueAt: Date; resolveDueAt: Date }, now: Date): boolean {
  if (ticket.status === 'OPEN') return ticket.ackDueAt < now;
  if (ticket.status === 'ACKNOWLEDGED') return ticket.resolveDueAt < now;
  return false;
}

/** isOverdue as a query condition on tickets (the ticket list's `overdue` filter). */
export function overdueWhere(now: Date): FilterQuery<Ticket> {
  return {
    $or: [
      { status: 'OPEN', ackDueAt: { $lt: now } },
      { status: 'ACKNOWLEDGED', resolveDueAt: { $lt: now } },
    ],
  };
}

/**
 * isOverdue as a SQL condition on the ticket row `alias`, with two placeholders, both the time
 * to judge at (the queue counts); a test holds it to isOverdue.
 */
export function overdueSql(alias: string): string {
  return `((${alias}.status = 'OPEN' and ${alias}.ack_due_at < ?) or (${alias}.status = 'ACKNOWLEDGED' and ${alias}.resolve_due_at < ?))`;
}
