import type { WebClient } from '@slack/web-api';
import type { TicketView } from '../alert-content.ts';
import { chatTexts } from '../chat-texts.ts';
import { type ChatPoster, type Delivery, PermanentError, type RenderOptions, RetryLater } from '../delivery/worker.ts';
import { alertMessage, reminderText, surveyBlocks } from './alert-blocks.ts';

/** Every message carries its delivery id in Slack message metadata, so a retry can find it. */
const marker = (delivery: Delivery) => ({
  event_type: 'loyalty_loop_delivery',
  event_payload: { delivery_id: delivery.id },
});

/** Slack's error codes that no retry of the same call can change, by what they mean for us. */
const permanent: Record<string, PermanentError['reason']> = {
  invalid_blocks: 'content',
  invalid_blocks_format: 'content',
  msg_too_long: 'content',
  no_text: 'content',
  message_not_found: 'gone',
  cant_update_message: 'gone',
  channel_not_found: 'target',
  not_in_channel: 'target',
  is_archived: 'target',
  user_not_found: 'target',
  cannot_dm_bot: 'target',
  invalid_auth: 'target',
  account_inactive: 'target',
  token_revoked: 'target',
  missing_scope: 'target',
};

/** Slack's answer as the worker understands it: wait (429), give up (permanent), or retry (the rest). */
function rethrow(error: unknown): never {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e.code === 'slack_webapi_rate_limited_error') throw new RetryLater(e.retryAfter ?? 1);
  const reason = e.code === 'slack_webapi_platform_error' ? permanent[e.data?.error ?? ''] : undefined;
  if (reason) throw new PermanentError(reason, `slack: ${e.data?.error}`);
  throw error;
}

/** A few seconds before the delivery was queued: Slack's clock and ours may differ a little. */
const oldestFor = (delivery: Delivery) => String(Math.floor(Date.parse(delivery.createdAt) / 1000) - 60);

export function slackPoster(client: WebClient): ChatPoster {
  const call = async <T>(run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      rethrow(error);
    }
  };
  const isOurs = (delivery: Delivery) => (message: { metadata?: { event_payload?: unknown } }) =>
    (message.metadata?.event_payload as { delivery_id?: number } | undefined)?.delivery_id === delivery.id;
  return {
    platform: 'SLACK',

    /**
     * Pages through the channel (or the alert's thread) from just before the delivery was queued,
     * however many messages came since: a crash mid-post in a busy channel must not post twice.
     */
    async findPosted(delivery) {
      const thread = delivery.kind === 'REMINDER' || delivery.kind === 'ESCALATION' ? delivery.threadRef : null;
      // A survey goes to a user id; its history lives in the DM channel with that user.
      const channel =
        delivery.kind === 'SURVEY'
          ? String((await call(() => client.conversations.open({ users: delivery.target }))).channel?.id)
          : delivery.target;
      const oldest = oldestFor(delivery);
      let cursor: string | undefined;
      do {
        const page = await call(() =>
          thread
            ? client.conversations.replies({
                channel,
                ts: thread,
                oldest,
                include_all_metadata: true,
                limit: 200,
                cursor,
              })
            : client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, cursor }),
        );
        const found = page.messages?.find(isOurs(delivery));
        if (found?.ts) return found.ts;
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return null;
    },

    async postAlert(delivery, ticket, options?: RenderOptions) {
      const result = await call(() =>
        client.chat.postMessage({
          channel: delivery.target,
          ...alertMessage(ticket, options),
          metadata: marker(delivery),
        } as never),
      );
      return String(result.ts);
    },

    async editAlert(delivery, ticket: TicketView, options?: RenderOptions) {
      await call(() =>
        client.chat.update({
          channel: delivery.target,
          ts: delivery.messageRef,
          ...alertMessage(ticket, options),
          metadata: marker(delivery),
        } as never),
      );
    },

    async postThreadReply(delivery, ticket) {
      const text = reminderText(delivery.kind as 'REMINDER' | 'ESCALATION', ticket);
      const result = await call(() =>
        client.chat.postMessage({
          channel: delivery.target,
          thread_ts: delivery.threadRef,
          text,
          metadata: marker(delivery),
        }),
      );
      return String(result.ts);
    },

    async postSurvey(delivery) {
      const result = await call(() =>
        client.chat.postMessage({
          channel: delivery.target,
          text: chatTexts.survey.question,
          blocks: surveyBlocks(delivery.id, chatTexts.survey.question),
          metadata: marker(delivery),
        } as never),
      );
      return String(result.ts);
    },
  };
}
