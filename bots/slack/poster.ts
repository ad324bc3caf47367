import type { WebClient } from '@slack/web-api';
import type { TicketView } from '../alert-content.ts';
import { chatTexts } from '../chat-texts.ts';
import { type ChatPoster, type Delivery, RetryLater } from '../delivery/worker.ts';
import { alertMessage, reminderText, surveyBlocks } from './alert-blocks.ts';

/** Every message carries its delivery id in Slack message metadata, so a retry can find it. */
const marker = (delivery: Delivery) => ({
  event_type: 'loyalty_loop_delivery',
  event_payload: { delivery_id: delivery.id },
});

function rethrow(error: unknown): never {
  const e = error as { code?: string; retryAfter?: number };
  if (e.code === 'slack_webapi_rate_limited_error') throw new RetryLater(e.retryAfter ?? 1);
  throw error;
}

export function slackPoster(client: WebClient): ChatPoster {
  const call = async <T>(run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      rethrow(error);
    }
  };
  return {
    platform: 'SLACK',

    async findPosted(delivery) {
      const thread = delivery.kind === 'REMINDER' || delivery.kind === 'ESCALATION' ? delivery.threadRef : null;
      // A survey goes to a user id; its history lives in the DM channel with that user.
      const channel =
        delivery.kind === 'SURVEY'
          ? String((await call(() => client.conversations.open({ users: delivery.target }))).channel?.id)
          : delivery.target;
      const page = await call(() =>
        thread
          ? client.conversations.replies({ channel, ts: thread, include_all_metadata: true, limit: 200 })
          : client.conversations.history({ channel, include_all_metadata: true, limit: 200 }),
      );
      const found = page.messages?.find(
        (message) =>
          (message.metadata?.event_payload as { delivery_id?: number } | undefined)?.delivery_id === delivery.id,
      );
      return found?.ts ?? null;
    },

    async postAlert(delivery, ticket) {
      const result = await call(() =>
        client.chat.postMessage({
          channel: delivery.target,
          ...alertMessage(ticket),
          metadata: marker(delivery),
        } as never),
      );
      return String(result.ts);
    },

    async editAlert(delivery, ticket: TicketView) {
      await call(() =>
        client.chat.update({
          channel: delivery.target,
          ts: delivery.messageRef,
          ...alertMessage(ticket),
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
