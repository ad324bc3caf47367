import { chatTexts } from '../../../chat-texts.ts';
import { modal } from '../../alert-message.ts';
import { type InteractionContext, ResponseType, type Routed } from '../interaction.ts';

/** `/feedback` opens the feedback form; the customer started it, so no survey cooldown applies. */
export const feedbackCommand = {
  data: { name: 'feedback', description: 'Tell us how we are doing', type: 1 },
  execute(_context: InteractionContext): Routed {
    return {
      response: {
        type: ResponseType.ShowModal,
        data: modal('modal:feedback', chatTexts.survey.title, [
          { id: 'score', label: chatTexts.survey.scoreLabel },
          { id: 'comment', label: chatTexts.survey.commentLabel, long: true, required: false },
        ]),
      },
    };
  },
};
