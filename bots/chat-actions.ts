import { type GraphQLClient, GraphQLRequestError } from './graphql-client.ts';
import * as ops from './operations.ts';

/** What the person in chat should be told; null when all went well. */
export type Outcome = string | null;

function payloadOutcome(data: Record<string, { __typename: string; message?: string }>): Outcome {
  const payload = Object.values(data)[0];
  if (!payload) return 'loyalty-loop gave no answer.';
  if (payload.__typename.endsWith('Success') || payload.__typename === 'SubmitFeedbackResult') return null;
  return payload.message ?? 'That did not work.';
}

async function guarded(run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GraphQLRequestError) return error.message;
    throw error;
  }
}

/**
 * Performs a ticket action through the API as the chat user who clicked (the API maps the chat
 * user to a team member and refuses unlinked ones). A repeated click gets the API's answer,
 * e.g. "Cannot acknowledge a ACKNOWLEDGED ticket", and changes nothing.
 */
export function runTicketAction(
  client: GraphQLClient,
  chatUser: string,
  action: ops.TicketAction,
  ticketId: string,
  fields: Record<string, unknown> = {},
): Promise<Outcome> {
  return guarded(async () =>
    payloadOutcome(await client(ops.ticketActions[action], { input: { ticketId, ...fields } }, chatUser)),
  );
}

export interface ChatFeedback {
  nps: number;
  comment?: string | null;
  channel: 'SLACK' | 'DISCORD';
  idempotencyKey: string;
}

/** Submits feedback as the customer linked to the chat user. */
export async function submitChatFeedback(
  client: GraphQLClient,
  chatUser: string,
  feedback: ChatFeedback,
): Promise<{ outcome: Outcome; feedbackId: string | null }> {
  const identity = await client(ops.chatIdentity, {}, chatUser);
  const customer = identity.viewer.chatCustomer as { id: string } | null;
  if (!customer) {
    return {
      outcome: 'Your chat account is not linked to a customer profile, so we cannot store feedback for it.',
      feedbackId: null,
    };
  }
  const data = await client(ops.submitFeedback, { input: { customerId: customer.id, ...feedback } }, chatUser);
  return { outcome: payloadOutcome(data), feedbackId: data.submitFeedback.feedback?.id ?? null };
}

export function addChatFeedbackComment(client: GraphQLClient, chatUser: string, feedbackId: string, comment: string) {
  return guarded(async () =>
    payloadOutcome(await client(ops.addFeedbackComment, { input: { feedbackId, comment } }, chatUser)),
  );
}

/** The ticket whose alert a thread belongs to, for recording replies as notes. */
export async function ticketForMessage(
  client: GraphQLClient,
  platform: 'SLACK' | 'DISCORD',
  messageRef: string,
  channel?: string,
) {
  const data = await client(ops.ticketForMessage, { platform, messageRef, channel });
  return (data.ticketForChatMessage?.id as string | undefined) ?? null;
}

/** Parses a 0-10 score typed or picked in chat. */
export function parseScore(value: unknown): number | null {
  const score = Number(String(value ?? '').trim());
  return Number.isInteger(score) && score >= 0 && score <= 10 && String(value).trim() !== '' ? score : null;
}
