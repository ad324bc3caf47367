import { submitChatFeedback } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import { ActionRow, Button, modal } from '../../alert-message.ts';
import { type InteractionContext, ResponseType, type Routed } from '../interaction.ts';

/**
 * One click on 0-10 in a DM survey stores the score at once (keyed by the survey, so a second
 * click cannot store a second answer), then offers a comment.
 */
export function surveyScoreButton(context: InteractionContext, deliveryId: string, score: string): Routed {
  return {
    response: { type: ResponseType.DeferredUpdate },
    work: async () => {
      const { outcome, feedbackId } = await submitChatFeedback(context.api, context.user, {
        nps: Number(score),
        channel: 'DISCORD',
        idempotencyKey: `survey:${deliveryId}`,
      });
      if (outcome || !feedbackId) {
        await context.followUp(chatTexts.problem(outcome ?? chatTexts.survey.notRecorded));
        return;
      }
      await context.editOriginal({
        content: chatTexts.survey.thanksForScore(score),
        components: [
          {
            type: ActionRow,
            components: [
              { type: Button, style: 1, label: chatTexts.survey.addComment, custom_id: `survey-comment:${feedbackId}` },
            ],
          },
        ],
      });
    },
  };
}

/** "Add a comment" after a score opens the comment form. */
export function surveyCommentButton(feedbackId: string): Routed {
  return {
    response: {
      type: ResponseType.ShowModal,
      data: modal(`modal:survey-comment:${feedbackId}`, chatTexts.survey.commentTitle, [
        { id: 'text', label: chatTexts.survey.commentPrompt, long: true },
      ]),
    },
  };
}
