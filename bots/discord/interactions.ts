import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import {
  addChatFeedbackComment,
  type Outcome,
  parseScore,
  runTicketAction,
  submitChatFeedback,
} from '../chat-actions.ts';
import type { GraphQLClient } from '../graphql-client.ts';
import { ActionRow, Button, modal } from './alert-message.ts';

export interface DiscordDeps {
  api: GraphQLClient;
  rest: REST;
  applicationId: string;
  log: (event: Record<string, unknown>, message: string) => void;
}

/** Interaction and response type numbers of the Discord API (v10). */
const Ping = 1;
const Command = 2;
const Component = 3;
const ModalSubmit = 5;
const Pong = 1;
const Reply = 4;
const DeferredReply = 5;
const DeferredUpdate = 6;
const ShowModal = 9;
const Ephemeral = 64;

export interface Routed {
  /** The answer Discord must get within 3 seconds. */
  response: { type: number; data?: Record<string, unknown> };
  /** What to do after answering (API calls, follow-up messages). */
  work?: () => Promise<void>;
}

type Interaction = Record<string, any>;

const discordUser = (interaction: Interaction) => `discord:${interaction.member?.user?.id ?? interaction.user?.id}`;

function modalValues(interaction: Interaction): Record<string, string> {
  const values: Record<string, string> = {};
  for (const row of interaction.data?.components ?? []) {
    for (const input of row.components ?? []) values[input.custom_id] = input.value;
  }
  return values;
}

const ticketModals = {
  resolve: ['Resolve ticket', 'How was the problem fixed?', 'resolution'],
  note: ['Add a note', 'Note', 'note'],
} as const;

/**
 * Decides the immediate answer to an interaction and the work that follows it. The same router
 * serves the HTTP endpoint (answer in the HTTP response) and the gateway (answer via REST).
 * A repeated interaction (same id) is answered but not acted on again.
 */
export function createInteractionRouter(deps: DiscordDeps) {
  const seen = new Set<string>();
  const { api, rest, applicationId, log } = deps;

  const editOriginal = (token: string, body: Record<string, unknown>) =>
    rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false });
  const followUp = (token: string, content: string) =>
    rest.post(Routes.webhook(applicationId, token), { body: { content, flags: Ephemeral }, auth: false });
  const tell = (token: string, problem: Outcome, success: string) =>
    editOriginal(token, { content: problem ? `⚠️ ${problem}` : success });

  function route(interaction: Interaction): Routed {
    if (interaction.type === Ping) return { response: { type: Pong } };
    if (seen.has(interaction.id)) return { response: { type: DeferredUpdate } };
    seen.add(interaction.id);
    if (seen.size > 10_000) seen.delete(seen.values().next().value as string);

    const user = discordUser(interaction);
    const token: string = interaction.token;
    const customId: string = interaction.data?.custom_id ?? '';
    const [kind, action, id] = customId.split(':');

    if (interaction.type === Command && interaction.data?.name === 'feedback') {
      return {
        response: {
          type: ShowModal,
          data: modal('modal:feedback', 'Your feedback', [
            { id: 'score', label: 'How likely are you to recommend us? (0-10)' },
            { id: 'comment', label: 'Anything you want to tell us?', long: true, required: false },
          ]),
        },
      };
    }

    if (interaction.type === Component && kind === 'ticket' && id) {
      if (action === 'resolve' || action === 'note') {
        const [title, label] = ticketModals[action];
        return {
          response: {
            type: ShowModal,
            data: modal(`modal:${action}:${id}`, title, [{ id: 'text', label, long: true }]),
          },
        };
      }
      if (action === 'claim' || action === 'acknowledge') {
        return {
          response: { type: DeferredUpdate },
          work: async () => {
            const problem = await runTicketAction(api, user, action, id);
            if (problem) await followUp(token, `⚠️ ${problem}`);
            log({ action, ticketId: id, ok: !problem }, 'discord ticket action');
          },
        };
      }
    }

    if (interaction.type === Component && kind === 'survey' && action && id) {
      return {
        response: { type: DeferredUpdate },
        work: async () => {
          const { outcome, feedbackId } = await submitChatFeedback(api, user, {
            nps: Number(id),
            channel: 'DISCORD',
            idempotencyKey: `survey:${action}`,
          });
          if (outcome || !feedbackId) {
            await followUp(token, `⚠️ ${outcome ?? 'Could not record your answer.'}`);
            return;
          }
          await editOriginal(token, {
            content: `Thanks for your ${id}! 🙏 Want to tell us more?`,
            components: [
              {
                type: ActionRow,
                components: [
                  { type: Button, style: 1, label: 'Add a comment', custom_id: `survey-comment:${feedbackId}` },
                ],
              },
            ],
          });
        },
      };
    }

    if (interaction.type === Component && kind === 'survey-comment' && action) {
      return {
        response: {
          type: ShowModal,
          data: modal(`modal:survey-comment:${action}`, 'Your comment', [
            { id: 'text', label: 'What should we know?', long: true },
          ]),
        },
      };
    }

    if (interaction.type === ModalSubmit && kind === 'modal') return routeModal(interaction, user, token, action, id);
    return { response: { type: Reply, data: { content: 'This button is no longer in use.', flags: Ephemeral } } };
  }

  function routeModal(interaction: Interaction, user: string, token: string, action?: string, id?: string): Routed {
    const values = modalValues(interaction);
    const deferred = { type: DeferredReply, data: { flags: Ephemeral } };
    if (action === 'feedback') {
      const score = parseScore(values.score);
      if (score === null)
        return {
          response: {
            type: Reply,
            data: { content: '⚠️ The score must be a whole number from 0 to 10.', flags: Ephemeral },
          },
        };
      return {
        response: deferred,
        work: async () => {
          const { outcome } = await submitChatFeedback(api, user, {
            nps: score,
            comment: values.comment?.trim() || null,
            channel: 'DISCORD',
            idempotencyKey: `discord-interaction:${interaction.id}`,
          });
          await tell(token, outcome, 'Thank you for your feedback! 🙏');
        },
      };
    }
    if ((action === 'resolve' || action === 'note') && id) {
      const field = ticketModals[action][2];
      const extra = action === 'note' ? { idempotencyKey: `discord-interaction:${interaction.id}` } : {};
      return {
        response: deferred,
        work: async () => {
          const problem = await runTicketAction(api, user, action, id, {
            [field]: values.text?.trim() ?? '',
            ...extra,
          });
          await tell(token, problem, action === 'resolve' ? '✅ Resolved.' : '📝 Note added.');
        },
      };
    }
    if (action === 'survey-comment' && id) {
      return {
        response: deferred,
        work: async () => {
          await tell(token, await addChatFeedbackComment(api, user, id, values.text?.trim() ?? ''), 'Thank you! 🙏');
        },
      };
    }
    return { response: { type: Reply, data: { content: 'This form is no longer in use.', flags: Ephemeral } } };
  }

  return route;
}
