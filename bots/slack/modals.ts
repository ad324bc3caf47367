import { chatTexts } from '../chat-texts.ts';
/** Modals the Slack bot opens. `private_metadata` carries what the submission needs. */

export function textModal(callbackId: string, title: string, label: string, submit: string, metadata: string) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    private_metadata: metadata,
    title: { type: 'plain_text' as const, text: title },
    submit: { type: 'plain_text' as const, text: submit },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'text',
        label: { type: 'plain_text', text: label },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 3000 },
      },
    ],
  };
}

export function feedbackModal(metadata = '') {
  return {
    type: 'modal' as const,
    callback_id: 'feedback_modal',
    private_metadata: metadata,
    title: { type: 'plain_text' as const, text: chatTexts.survey.title },
    submit: { type: 'plain_text' as const, text: 'Send' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'score',
        label: { type: 'plain_text', text: chatTexts.survey.scoreLabel },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: Array.from({ length: 11 }, (_, i) => ({
            text: { type: 'plain_text', text: String(10 - i) },
            value: String(10 - i),
          })),
        },
      },
      {
        type: 'input',
        block_id: 'comment',
        optional: true,
        label: { type: 'plain_text', text: chatTexts.survey.commentLabel },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 3000 },
      },
    ],
  };
}

/** Reads a modal input's value, whether typed or picked. */
export function inputValue(values: Record<string, Record<string, any>>, block: string): string | null {
  const element = values[block]?.value;
  return element?.value ?? element?.selected_option?.value ?? null;
}
