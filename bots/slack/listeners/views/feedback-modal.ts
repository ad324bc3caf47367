import type { App } from '@slack/bolt';
import { addChatFeedbackComment, parseScore, submitChatFeedback } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import { type SlackBotContext, slackUser } from '../../bot-context.ts';
import { inputValue } from '../../modals.ts';

/** The `/feedback` form and the comment step of a DM survey. */
export function registerFeedbackModals(app: App, { api, log }: SlackBotContext): void {
  app.view('feedback_modal', async ({ ack, body, view, client }) => {
    const score = parseScore(inputValue(view.state.values, 'score'));
    if (score === null) {
      await ack({ response_action: 'errors', errors: { score: 'Pick a score from 0 to 10.' } });
      return;
    }
    await ack();
    const comment = inputValue(view.state.values, 'comment')?.trim() || null;
    const { outcome } = await submitChatFeedback(api, slackUser(body.user.id), {
      nps: score,
      comment,
      channel: 'SLACK',
      idempotencyKey: `slack-view:${view.id}`,
    });
    await client.chat.postMessage({
      channel: body.user.id,
      text: outcome ? chatTexts.problem(outcome) : chatTexts.survey.thanks,
    });
    log({ ok: !outcome }, 'slack feedback form');
  });

  app.view('survey_comment_modal', async ({ ack, body, view, client }) => {
    const comment = inputValue(view.state.values, 'text')?.trim();
    if (!comment) {
      await ack({ response_action: 'errors', errors: { text: 'Please write something, or close the form.' } });
      return;
    }
    await ack();
    const problem = await addChatFeedbackComment(api, slackUser(body.user.id), view.private_metadata, comment);
    await client.chat.postMessage({
      channel: body.user.id,
      text: problem ? chatTexts.problem(problem) : chatTexts.survey.thanks,
    });
  });
}
