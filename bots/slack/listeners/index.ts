import type { App } from '@slack/bolt';
import type { SlackBotContext } from '../bot-context.ts';
import { registerSurveyButtons } from './actions/survey-buttons.ts';
import { registerTicketButtons } from './actions/ticket-buttons.ts';
import { registerFeedbackCommand } from './commands/feedback.ts';
import { registerThreadReplies } from './events/thread-replies.ts';
import { registerFeedbackModals } from './views/feedback-modal.ts';
import { registerTicketModals } from './views/ticket-modals.ts';

export function registerListeners(app: App, context: SlackBotContext): void {
  registerTicketButtons(app, context);
  registerSurveyButtons(app, context);
  registerTicketModals(app, context);
  registerFeedbackModals(app, context);
  registerFeedbackCommand(app);
  registerThreadReplies(app, context);
}
