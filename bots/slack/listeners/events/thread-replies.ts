import type { App } from '@slack/bolt';
import { runTicketAction, ticketForMessage } from '../../../chat-actions.ts';
import { type SlackBotContext, slackUser } from '../../bot-context.ts';

/** A reply in an alert's thread becomes a ticket note, by the member who wrote it (once per message). */
export function registerThreadReplies(app: App, { api, log }: SlackBotContext): void {
  app.event('message', async ({ event, client }) => {
    if (event.subtype !== undefined || !('thread_ts' in event) || !event.thread_ts || event.thread_ts === event.ts)
      return;
    if (!event.user || !event.text?.trim()) return;
    const ticketId = await ticketForMessage(api, 'SLACK', event.thread_ts);
    if (!ticketId) return;
    const problem = await runTicketAction(api, slackUser(event.user), 'note', ticketId, {
      note: event.text.trim(),
      idempotencyKey: `slack-message:${event.channel}:${event.ts}`,
    });
    if (problem) await client.chat.postEphemeral({ channel: event.channel, user: event.user, text: `⚠️ ${problem}` });
    log({ ticketId, ok: !problem }, 'slack thread reply');
  });
}
