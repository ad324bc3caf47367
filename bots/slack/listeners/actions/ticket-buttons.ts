import type { App, BlockButtonAction } from '@slack/bolt';
import { runTicketAction } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import type { SlackBotContext } from '../../bot-context.ts';
import { slackUser } from '../../bot-context.ts';
import { textModal } from '../../modals.ts';

/** Claim and Acknowledge act at once; Resolve and Add note first ask for the text in a modal. */
export function registerTicketButtons(app: App, { api, log }: SlackBotContext): void {
  for (const action of ['claim', 'acknowledge'] as const) {
    app.action<BlockButtonAction>(`ticket_${action}`, async ({ ack, body, client }) => {
      await ack();
      const ticketId = body.actions[0]?.value ?? '';
      const problem = await runTicketAction(api, slackUser(body.user.id), action, ticketId);
      if (problem && body.channel) {
        await client.chat.postEphemeral({
          channel: body.channel.id,
          user: body.user.id,
          text: chatTexts.problem(problem),
        });
      }
      log({ action, ticketId, ok: !problem }, 'slack ticket action');
    });
  }

  for (const action of ['resolve', 'note'] as const) {
    const { title, label, submit } = chatTexts.ticketForms[action];
    app.action<BlockButtonAction>(`ticket_${action}`, async ({ ack, body, client }) => {
      await ack();
      const metadata = JSON.stringify({ ticketId: body.actions[0]?.value, channel: body.channel?.id });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: textModal(`${action}_modal`, title, label, submit, metadata),
      });
    });
  }
}
