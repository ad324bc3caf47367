import { addChatFeedbackComment, parseScore, submitChatFeedback } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import {
  deferredEphemeral,
  ephemeralReply,
  type InteractionContext,
  modalValues,
  type Routed,
} from '../interaction.ts';

/** The `/feedback` form: a score the form cannot check itself is refused at once. */
export function feedbackSubmitted(context: InteractionContext): Routed {
  const values = modalValues(context.interaction);
  const score = parseScore(values.score);
  if (score === null) return ephemeralReply(chatTexts.problem(chatTexts.survey.badScore));
  return {
    response: deferredEphemeral,
    work: async () => {
      const { outcome } = await submitChatFeedback(context.api, context.user, {
        nps: score,
        comment: values.comment?.trim() || null,
        channel: 'DISCORD',
        idempotencyKey: `discord-interaction:${context.interaction.id}`,
      });
      await context.tell(outcome, chatTexts.survey.thanks);
    },
  };
}

/** The comment step of a DM survey. */
export function surveyCommentSubmitted(context: InteractionContext, feedbackId: string): Routed {
  const comment = modalValues(context.interaction).text?.trim() ?? '';
  return {
    response: deferredEphemeral,
    work: async () => {
      await context.tell(
        await addChatFeedbackComment(context.api, context.user, feedbackId, comment),
        chatTexts.survey.thanks,
      );
    },
  };
}
