import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatDelivery, type Ticket } from '../db/entities/index.ts';

/** After a ticket changed: its alerts are due again, to be edited to show the new version. */
export async function ticketAlertsOutdated(tx: EntityManager, ticket: Ticket): Promise<void> {
  await tx.nativeUpdate(
    ChatDelivery,
    { ticket: ticket.id, kind: 'ALERT', wantedVersion: { $lt: ticket.version } },
    { wantedVersion: ticket.version, nextAttemptAt: new Date() },
  );
}
