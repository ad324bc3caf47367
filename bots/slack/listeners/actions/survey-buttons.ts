import type { App, BlockButtonAction } from '@slack/bolt';
import { submitChatFeedback } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import { type SlackBotContext, slackUser } from '../../bot-context.ts';
import { textModal } from '../../modals.ts';

/**
 * One click on 0-10 in a DM survey stores the score at once (keyed by the survey, so a second
 * click cannot store a second answer), then offers a comment.
 */
export function registerSurveyButtons(app: App, { api, log }: SlackBotContext): void {
  app.action<BlockButtonAction>(/^survey_score_\d+$/, async ({ ack, body, client }) => {
    await ack();
    const { deliveryId, score } = JSON.parse(body.actions[0]?.value ?? '{}');
    const { outcome, feedbackId } = await submitChatFeedback(api, slackUser(body.user.id), {
      nps: Number(score),
      channel: 'SLACK',
      idempotencyKey: `survey:${deliveryId}`,
    });
    const channel = body.channel?.id ?? body.user.id;
    const ts = body.message?.ts;
    if (outcome || !ts) {
      await client.chat.postMessage({ channel, text: chatTexts.problem(outcome ?? chatTexts.survey.notRecorded) });
    } else {
      await client.chat.update({
        channel,
        ts,
        text: chatTexts.survey.thanksForScore(String(score)),
        blocks: [
          { type: 'section', text: { type: 'plain_text', text: chatTexts.survey.thanksForScore(String(score)) } },
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'survey_comment',
                text: { type: 'plain_text', text: chatTexts.survey.addComment },
                value: feedbackId ?? '',
              },
            ],
          },
        ],
      });
    }
    log({ deliveryId, ok: !outcome }, 'slack survey answer');
  });

  app.action<BlockButtonAction>('survey_comment', async ({ ack, body, client }) => {
    await ack();
    const feedbackId = body.actions[0]?.value ?? '';
    await client.views.open({
      trigger_id: body.trigger_id,
      view: textModal(
        'survey_comment_modal',
        chatTexts.survey.commentTitle,
        chatTexts.survey.commentPrompt,
        'Send',
        feedbackId,
      ),
    });
  });
}
