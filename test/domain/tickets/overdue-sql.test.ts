import { describe, expect, it } from 'vitest';
import { type TicketStatus, ticketStatuses } from '../../../db/enums.ts';
import { isOverdue, overdueSql } from '../../../domain/tickets/ticket-lifecycle.ts';
import { useTestDatabase } from '../../support/database.ts';

const db = useTestDatabase();

describe('the overdue rule in SQL', () => {
  it('gives isOverdue’s answer for every status with due times past and ahead', async () => {
    const now = new Date();
    const past = new Date(now.getTime() - 60_000);
    const ahead = new Date(now.getTime() + 60_000);
    const rows = await db.orm.em
      .getConnection()
      .execute<{ status: TicketStatus; ack_due_at: Date; resolve_due_at: Date; overdue: boolean }[]>(
        `select t.status, t.ack_due_at, t.resolve_due_at, ${overdueSql('t')} as overdue
         from unnest(?::text[]) as s(status),
              lateral (values (?::timestamptz), (?::timestamptz)) as a(due),
              lateral (values (?::timestamptz), (?::timestamptz)) as r(due),
              lateral (select s.status, a.due as ack_due_at, r.due as resolve_due_at) t`,
        // In the order the placeholders appear: the condition's two in the select list first.
        [now, now, `{${ticketStatuses.join(',')}}`, past, ahead, past, ahead],
      );
    expect(rows).toHaveLength(ticketStatuses.length * 4);
    const disagreements = rows.filter(
      (row) =>
        row.overdue !==
        isOverdue(
          { status: row.status, ackDueAt: new Date(row.ack_due_at), resolveDueAt: new Date(row.resolve_due_at) },
          now,
        ),
    );
    expect(disagreements).toEqual([]);
    expect(rows.filter((row) => row.overdue)).toHaveLength(4);
  });
});
