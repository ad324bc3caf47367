import type { App } from '@slack/bolt';
import { runTicketAction } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import { type SlackBotContext, slackUser } from '../../bot-context.ts';
import { inputValue } from '../../modals.ts';

/** The Resolve and Add-note modals: the text goes to the API as the member who submitted it. */
export function registerTicketModals(app: App, { api, log }: SlackBotContext): void {
  for (const action of ['resolve', 'note'] as const) {
    const { field } = chatTexts.ticketForms[action];
    app.view(`${action}_modal`, async ({ ack, body, view, client }) => {
      const text = inputValue(view.state.values, 'text')?.trim();
      if (!text) {
        await ack({ response_action: 'errors', errors: { text: 'Please write something.' } });
        return;
      }
      await ack();
      const { ticketId, channel } = JSON.parse(view.private_metadata || '{}');
      const extra = action === 'note' ? { idempotencyKey: `slack-view:${view.id}` } : {};
      const problem = await runTicketAction(api, slackUser(body.user.id), action, ticketId, {
        [field]: text,
        ...extra,
      });
      if (problem && channel)
        await client.chat.postEphemeral({ channel, user: body.user.id, text: chatTexts.problem(problem) });
      log({ action, ticketId, ok: !problem }, 'slack ticket modal');
    });
  }
}
