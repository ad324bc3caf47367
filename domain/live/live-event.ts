import type { TicketEventType } from '../../db/enums.ts';
import { can, customerScope, type Principal } from '../access/access.ts';

/**
 * A committed change, as announced by the database's triggers on the "loyalty_live" channel: a
 * new ticket event (the ticket opened, was assigned, acknowledged, ... or got a note) or a new answer.
 */
export type LiveEvent =
  | { topic: 'ticket'; id: number; teamId: number; customerId: number; change: TicketEventType; eventId: number }
  | { topic: 'feedback'; id: number; teamId: number; customerId: number };

export const liveChannel = 'loyalty_live';

/** The payload of a notification, or null when it is not one of ours (nothing else should be there). */
export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  try {
    const event = JSON.parse(payload ?? '') as LiveEvent;
    return event.topic === 'ticket' || event.topic === 'feedback' ? event : null;
  } catch {
    return null;
  }
}

/**
 * Whether a subscriber may hear of an event: the same rules as reading the ticket or the answer.
 * Members hear their own team's, customers their own answers (never tickets).
 */
export function mayHear(principal: Principal, event: LiveEvent): boolean {
  if (!can(principal, event.topic === 'ticket' ? 'ticket.read' : 'feedback.read')) return false;
  const scope = customerScope(principal);
  if (scope.customerId !== undefined) return event.topic === 'feedback' && event.customerId === scope.customerId;
  return scope.teamId === undefined || scope.teamId === event.teamId;
}

/** Where subscriptions hear committed changes (the process's LISTEN connection). */
export interface LiveFeed {
  /** Every event from now on, until the iterator is returned (the subscriber went away). */
  events(): AsyncIterable<LiveEvent>;
}
