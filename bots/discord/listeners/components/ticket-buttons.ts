import { runTicketAction } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import { modal } from '../../alert-message.ts';
import { type InteractionContext, ResponseType, type Routed } from '../interaction.ts';

/** Claim and Acknowledge act at once; Resolve and Add note first ask for the text in a modal. */
export function ticketButton(context: InteractionContext, action: string, ticketId: string): Routed | null {
  if (action === 'resolve' || action === 'note') {
    const form = chatTexts.ticketForms[action];
    return {
      response: {
        type: ResponseType.ShowModal,
        data: modal(`modal:${action}:${ticketId}`, form.title, [{ id: 'text', label: form.label, long: true }]),
      },
    };
  }
  if (action !== 'claim' && action !== 'acknowledge') return null;
  return {
    response: { type: ResponseType.DeferredUpdate },
    work: async () => {
      const problem = await runTicketAction(context.api, context.user, action, ticketId);
      if (problem) await context.followUp(chatTexts.problem(problem));
      context.log({ action, ticketId, ok: !problem }, 'discord ticket action');
    },
  };
}
