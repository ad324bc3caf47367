import { Routes } from 'discord-api-types/v10';
import { chatTexts } from '../../chat-texts.ts';
import * as ops from '../../operations.ts';
import { feedbackCommand } from './commands/feedback.ts';
import { surveyCommentButton, surveyScoreButton } from './components/survey-buttons.ts';
import { ticketButton } from './components/ticket-buttons.ts';
import {
  type DiscordDeps,
  Ephemeral,
  ephemeralReply,
  type Interaction,
  type InteractionContext,
  InteractionType,
  ResponseType,
  type Routed,
} from './interaction.ts';
import { feedbackSubmitted, surveyCommentSubmitted } from './modals/feedback-modal.ts';
import { ticketFormSubmitted } from './modals/ticket-modals.ts';

/**
 * The answer to an interaction already handled: no work again. Discord accepts "deferred update"
 * (no visible change) only for components; a command or a form gets a short ephemeral note.
 */
function replayAnswer(interaction: Interaction): Routed {
  return interaction.type === InteractionType.Component
    ? { response: { type: ResponseType.DeferredUpdate } }
    : ephemeralReply(chatTexts.alreadyHandled);
}

/** The slash commands this bot registers, each `{ data, execute }`. */
export const commands = [feedbackCommand];

/** Buttons, by the first part of their custom_id (`kind:action:id`). */
function routeComponent(context: InteractionContext, kind?: string, action?: string, id?: string): Routed | null {
  if (kind === 'ticket' && action && id) return ticketButton(context, action, id);
  if (kind === 'survey' && action && id) return surveyScoreButton(context, action, id);
  if (kind === 'survey-comment' && action) return surveyCommentButton(action);
  return null;
}

/** Modal submissions, by custom_id `modal:<form>[:<id>]`. */
function routeModal(context: InteractionContext, form?: string, id?: string): Routed | null {
  if (form === 'feedback') return feedbackSubmitted(context);
  if ((form === 'resolve' || form === 'note') && id) return ticketFormSubmitted(context, form, id);
  if (form === 'survey-comment' && id) return surveyCommentSubmitted(context, id);
  return null;
}

/**
 * Whether this process is the first to take the interaction on, in any process (recorded through
 * the API in PostgreSQL). When the API cannot say, act: a duplicate action is refused by the API's
 * own checks, a lost one is not recoverable.
 */
async function firstTime(deps: DiscordDeps, interaction: Interaction): Promise<boolean> {
  try {
    const data = await deps.api(ops.recordInteraction, { key: `discord:${interaction.id}` });
    return Boolean(data.recordChatInteraction);
  } catch (error) {
    deps.log({ err: String(error) }, 'could not record a discord interaction; handling it');
    return true;
  }
}

/**
 * Decides the immediate answer to an interaction and the work that follows it. The same router
 * serves the HTTP endpoint (answer in the HTTP response) and the gateway (answer via REST).
 * A repeated interaction (same id, in any process) is answered but not acted on again.
 */
export function createInteractionRouter(deps: DiscordDeps) {
  const { rest, applicationId } = deps;

  function contextFor(interaction: Interaction): InteractionContext {
    const token: string = interaction.token;
    const editOriginal = (body: Record<string, unknown>) =>
      rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false });
    return {
      ...deps,
      interaction,
      user: `discord:${interaction.member?.user?.id ?? interaction.user?.id}`,
      editOriginal,
      followUp: (content) =>
        rest.post(Routes.webhook(applicationId, token), { body: { content, flags: Ephemeral }, auth: false }),
      tell: (problem, success) => editOriginal({ content: problem ? chatTexts.problem(problem) : success }),
    };
  }

  return async function route(interaction: Interaction): Promise<Routed> {
    if (interaction.type === InteractionType.Ping) return { response: { type: ResponseType.Pong } };
    if (!(await firstTime(deps, interaction))) return replayAnswer(interaction);

    const context = contextFor(interaction);
    const [kind, action, id] = String(interaction.data?.custom_id ?? '').split(':');
    switch (interaction.type) {
      case InteractionType.Command: {
        const command = commands.find((c) => c.data.name === interaction.data?.name);
        return command ? command.execute(context) : ephemeralReply(chatTexts.staleButton);
      }
      case InteractionType.Component:
        return routeComponent(context, kind, action, id) ?? ephemeralReply(chatTexts.staleButton);
      case InteractionType.ModalSubmit:
        return (kind === 'modal' && routeModal(context, action, id)) || ephemeralReply(chatTexts.staleForm);
      default:
        return ephemeralReply(chatTexts.staleButton);
    }
  };
}
