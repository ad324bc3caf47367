import type { App } from '@slack/bolt';
import { runTicketAction, ticketForMessage } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import { type SlackBotContext, slackUser } from '../../bot-context.ts';
import { unescapeSlack } from '../../mrkdwn.ts';

/** Replies people write: plain ones, "also send to channel" ones, and ones with a file attached. */
const replySubtypes = new Set([undefined, 'thread_broadcast', 'file_share']);

/**
 * A reply in an alert's thread becomes a ticket note, by the member who wrote it, once per message
 * (its idempotency key): a retried event stores nothing twice and tells the writer of a problem
 * only the first time. Bots' messages (ours and other apps') are not notes.
 */
export function registerThreadReplies(app: App, { api, log }: SlackBotContext): void {
  app.event('message', async ({ event, client, context }) => {
    const message = event as typeof event & {
      user?: string;
      text?: string;
      thread_ts?: string;
      bot_id?: string;
      channel: string;
      ts: string;
    };
    if (!replySubtypes.has(message.subtype) || message.bot_id) return;
    if (!message.thread_ts || message.thread_ts === message.ts || !message.user || !message.text?.trim()) return;
    const ticketId = await ticketForMessage(api, 'SLACK', message.thread_ts, message.channel);
    if (!ticketId) return;
    const problem = await runTicketAction(api, slackUser(message.user), 'note', ticketId, {
      note: unescapeSlack(message.text.trim()),
      idempotencyKey: `slack-message:${message.channel}:${message.ts}`,
    });
    if (problem && !context.retryNum) {
      await client.chat.postEphemeral({
        channel: message.channel,
        user: message.user,
        text: chatTexts.problem(problem),
      });
    }
    log({ ticketId, ok: !problem }, 'slack thread reply');
  });
}
