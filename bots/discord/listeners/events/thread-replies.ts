import { runTicketAction, ticketForMessage } from '../../../chat-actions.ts';
import type { DiscordDeps } from '../interaction.ts';

export interface ChannelMessage {
  id: string;
  channelId: string;
  authorId: string;
  authorIsBot: boolean;
  content: string;
  /** The message this one replies to, if it is a reply. */
  referencedMessageId: string | null;
}

/**
 * A reply to an alert, or a message in a thread started from it (such a thread's id is the alert
 * message's id), becomes a ticket note by the member who wrote it. Needs the gateway.
 */
export async function recordThreadReply(message: ChannelMessage, { api, log }: Pick<DiscordDeps, 'api' | 'log'>) {
  if (message.authorIsBot || !message.content.trim()) return;
  // A reply to the alert names it; a message inside a thread started from the alert (a reply to
  // another thread message included) is in a channel whose id is the alert's.
  let ticketId: string | null = null;
  for (const alertId of new Set([message.referencedMessageId, message.channelId])) {
    ticketId = alertId ? await ticketForMessage(api, 'DISCORD', alertId) : null;
    if (ticketId) break;
  }
  if (!ticketId) return;
  const problem = await runTicketAction(api, `discord:${message.authorId}`, 'note', ticketId, {
    note: message.content.trim(),
    idempotencyKey: `discord-message:${message.id}`,
  });
  log({ ticketId, ok: !problem }, 'discord thread reply');
}
