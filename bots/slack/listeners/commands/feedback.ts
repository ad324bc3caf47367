import type { App } from '@slack/bolt';
import { feedbackModal } from '../../modals.ts';

/** `/feedback` opens the feedback form; the customer started it, so no survey cooldown applies. */
export function registerFeedbackCommand(app: App): void {
  app.command('/feedback', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: feedbackModal() });
  });
}
