import { createHash } from 'node:crypto';
import { DiscordAPIError, RateLimitError, type REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { chatTexts } from '../chat-texts.ts';
import { type ChatPoster, type Delivery, PermanentError, RetryLater } from '../delivery/worker.ts';
import { alertMessage, reminderMessage, surveyMessage } from './alert-message.ts';

/**
 * Discord drops a second message with the same nonce when `enforce_nonce` is set: a retry after a
 * crash mid-post cannot post twice. The nonce is derived from the delivery (at most 25 characters).
 */
export const nonceFor = (delivery: Delivery) =>
  createHash('sha256').update(`delivery:${delivery.id}`).digest('hex').slice(0, 25);

/** Discord's error codes that no retry of the same call can change, by what they mean for us. */
const permanent: Record<number, PermanentError['reason']> = {
  50035: 'content', // Invalid Form Body
  50006: 'content', // Cannot send an empty message
  10008: 'gone', // Unknown Message
  10003: 'target', // Unknown Channel
  10013: 'target', // Unknown User
  50001: 'target', // Missing Access
  50013: 'target', // Missing Permissions
  50007: 'target', // Cannot send messages to this user
};

/** Discord's answer as the worker understands it: wait (429), give up (permanent), or retry (the rest). */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RateLimitError) throw new RetryLater(Math.max(1, Math.ceil(error.retryAfter / 1000)));
    const reason = error instanceof DiscordAPIError ? permanent[Number(error.code)] : undefined;
    if (reason)
      throw new PermanentError(reason, `discord ${(error as DiscordAPIError).code}: ${(error as Error).message}`);
    throw error;
  }
}

export function discordPoster(rest: REST): ChatPoster {
  const post = async (channel: string, delivery: Delivery, body: Record<string, unknown>) => {
    const message = await call(
      () =>
        rest.post(Routes.channelMessages(channel), {
          body: { ...body, nonce: nonceFor(delivery), enforce_nonce: true },
        }) as Promise<{ id: string }>,
    );
    return message.id;
  };
  return {
    platform: 'DISCORD',
    findPosted: async () => null,
    postAlert: (delivery, ticket, options) => post(delivery.target, delivery, alertMessage(ticket, options)),
    async editAlert(delivery, ticket, options) {
      await call(() =>
        rest.patch(Routes.channelMessage(delivery.target, delivery.messageRef), {
          body: alertMessage(ticket, options),
        }),
      );
    },
    postThreadReply: (delivery, ticket) =>
      post(delivery.target, delivery, {
        ...reminderMessage(delivery.kind as 'REMINDER' | 'ESCALATION', ticket),
        message_reference: { message_id: delivery.threadRef, fail_if_not_exists: false },
      }),
    async postSurvey(delivery) {
      const dm = await call(
        () => rest.post(Routes.userChannels(), { body: { recipient_id: delivery.target } }) as Promise<{ id: string }>,
      );
      return post(dm.id, delivery, surveyMessage(delivery.id, chatTexts.survey.question));
    },
  };
}
