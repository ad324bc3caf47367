import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatDelivery, type Team, type Ticket } from '../db/entities/index.ts';
import { type ChatPlatform, chatPlatforms } from '../db/enums.ts';

export function teamChannel(team: Team, platform: ChatPlatform): string | null | undefined {
  return platform === 'SLACK' ? team.slackChannelId : team.discordChannelId;
}

/**
 * Queues the alert of a newly opened (and flushed: the key needs its id) ticket for every chat
 * platform its team has a channel on.
 */
export function queueTicketAlerts(tx: EntityManager, ticket: Ticket, now: Date): void {
  for (const platform of chatPlatforms) {
    const target = teamChannel(ticket.team, platform);
    if (!target) continue;
    tx.create(ChatDelivery, {
      dedupeKey: `alert:${ticket.id}:${platform}`,
      platform,
      kind: 'ALERT',
      ticket,
      target,
      wantedVersion: 1,
      nextAttemptAt: now,
    });
  }
}

/** After a ticket changed: its alerts are due again, to be edited to show the new version. */
export async function ticketAlertsOutdated(tx: EntityManager, ticket: Ticket): Promise<void> {
  await tx.nativeUpdate(
    ChatDelivery,
    { ticket: ticket.id, kind: 'ALERT', wantedVersion: { $lt: ticket.version } },
    { wantedVersion: ticket.version, nextAttemptAt: new Date() },
  );
}
