import { runTicketAction } from '../../../chat-actions.ts';
import { chatTexts } from '../../../chat-texts.ts';
import { deferredEphemeral, type InteractionContext, modalValues, type Routed } from '../interaction.ts';

/** The Resolve and Add-note forms: the text goes to the API as the member who submitted it. */
export function ticketFormSubmitted(context: InteractionContext, action: 'resolve' | 'note', ticketId: string): Routed {
  const text = modalValues(context.interaction).text?.trim() ?? '';
  const extra = action === 'note' ? { idempotencyKey: `discord-interaction:${context.interaction.id}` } : {};
  return {
    response: deferredEphemeral,
    work: async () => {
      const problem = await runTicketAction(context.api, context.user, action, ticketId, {
        [chatTexts.ticketForms[action].field]: text,
        ...extra,
      });
      await context.tell(problem, action === 'resolve' ? chatTexts.resolved : chatTexts.noteAdded);
    },
  };
}
