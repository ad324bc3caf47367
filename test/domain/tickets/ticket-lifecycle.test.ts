import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../db/enums.ts';
import { InvalidTransitionError } from '../../../domain/shared/errors.ts';
import { isOverdue, nextStatus, slaDueTimes, type TicketAction } from '../../../domain/tickets/ticket-lifecycle.ts';

const allowed: [TicketStatus, TicketAction, TicketStatus][] = [
  ['OPEN', 'acknowledge', 'ACKNOWLEDGED'],
  ['ACKNOWLEDGED', 'resolve', 'RESOLVED'],
  ['RESOLVED', 'close', 'CLOSED'],
  ['RESOLVED', 'reopen', 'OPEN'],
  ['CLOSED', 'reopen', 'OPEN'],
];

const forbidden: [TicketStatus, TicketAction][] = [
  ['OPEN', 'resolve'],
  ['OPEN', 'close'],
  ['OPEN', 'reopen'],
  ['ACKNOWLEDGED', 'acknowledge'],
  ['ACKNOWLEDGED', 'close'],
  ['ACKNOWLEDGED', 'reopen'],
  ['RESOLVED', 'acknowledge'],
  ['RESOLVED', 'resolve'],
  ['CLOSED', 'acknowledge'],
  ['CLOSED', 'resolve'],
  ['CLOSED', 'close'],
];

describe('ticket lifecycle', () => {
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each(forbidden)('%s cannot %s', (from, action) => {
    expect(() => nextStatus(from, action)).toThrow(InvalidTransitionError);
    expect(() => nextStatus(from, action)).toThrow(new RegExp(`Cannot ${action} a ${from} ticket`));
  });

  it('sets the due times from the team policy', () => {
    const opened = new Date('2026-01-01T10:00:00Z');
    expect(slaDueTimes(opened, { ackSlaHours: 24, resolveSlaHours: 72 })).toEqual({
      ackDueAt: new Date('2026-01-02T10:00:00Z'),
      resolveDueAt: new Date('2026-01-04T10:00:00Z'),
    });
  });

  it('is overdue only while waiting for the step whose time has passed', () => {
    const due = { ackDueAt: new Date('2026-01-02T00:00:00Z'), resolveDueAt: new Date('2026-01-04T00:00:00Z') };
    const between = new Date('2026-01-03T00:00:00Z');
    expect(isOverdue({ ...due, status: 'OPEN' }, between)).toBe(true);
    expect(isOverdue({ ...due, status: 'ACKNOWLEDGED' }, between)).toBe(false);
    expect(isOverdue({ ...due, status: 'ACKNOWLEDGED' }, new Date('2026-01-05T00:00:00Z'))).toBe(true);
    expect(isOverdue({ ...due, status: 'RESOLVED' }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
