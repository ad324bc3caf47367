import { useState } from 'preact/hooks';
import type { TicketActionName } from '../api/client.ts';
import { type MutationOutcome, mutate, useApi } from '../api/hooks.ts';
import type { Ticket } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.ts';

interface Action {
  key: 'claim' | 'acknowledge' | 'apologise' | 'note' | 'resolve' | 'reopen' | 'close' | 'goodwill';
  allowed: keyof Ticket['viewerCan'];
  mutation: TicketActionName | 'grantGoodwill';
  /** The text the action asks for, and the input field it goes in; optional texts may stay empty. */
  text?: { label: MessageKey; field: string; optional?: boolean };
}

const actions: Action[] = [
  { key: 'claim', allowed: 'claim', mutation: 'ClaimTicket' },
  {
    key: 'acknowledge',
    allowed: 'acknowledge',
    mutation: 'AcknowledgeTicket',
    text: { label: 'field_note', field: 'note', optional: true },
  },
  {
    key: 'apologise',
    allowed: 'apologise',
    mutation: 'RecordApology',
    text: { label: 'field_apology', field: 'note' },
  },
  { key: 'note', allowed: 'addNote', mutation: 'AddTicketNote', text: { label: 'field_note', field: 'note' } },
  {
    key: 'resolve',
    allowed: 'resolve',
    mutation: 'ResolveTicket',
    text: { label: 'field_resolution', field: 'resolution' },
  },
  { key: 'reopen', allowed: 'reopen', mutation: 'ReopenTicket', text: { label: 'field_reason', field: 'reason' } },
  {
    key: 'close',
    allowed: 'close',
    mutation: 'CloseTicket',
    text: { label: 'field_note', field: 'note', optional: true },
  },
  {
    key: 'goodwill',
    allowed: 'grantGoodwill',
    mutation: 'grantGoodwill',
    text: { label: 'field_reason', field: 'reason' },
  },
];

/**
 * The actions the signed-in person may take on a ticket now (the API's viewerCan), each as a
 * button that opens a short form when the action needs words. Notes and goodwill carry an
 * idempotency key made when the form opens, so a double submit or a retry records them once.
 */
export function TicketActions({ ticket, onDone }: { ticket: Ticket; onDone(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [open, setOpen] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [points, setPoints] = useState(100);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<MutationOutcome | null>(null);

  const run = async (action: Action) => {
    setBusy(true);
    const input: Record<string, unknown> = { ticketId: ticket.id };
    if (action.text && (text.trim() || !action.text.optional)) input[action.text.field] = text.trim();
    if (action.key === 'note' || action.key === 'goodwill') input.idempotencyKey = key;
    if (action.key === 'goodwill') input.points = points;
    const result = await mutate(api, action.mutation, input);
    setBusy(false);
    setOutcome(result);
    if (result.ok) {
      setOpen(null);
      onDone();
    }
  };

  const start = (action: Action) => {
    setOutcome(null);
    if (!action.text) return void run(action);
    setText('');
    setKey(crypto.randomUUID());
    setOpen(action);
  };

  const available = actions.filter((action) => ticket.viewerCan[action.allowed]);
  return (
    <div class="actions">
      <div class="buttons">
        {available.map((action) => (
          <button
            type="button"
            key={action.key}
            disabled={busy}
            onClick={() => start(action)}
            aria-expanded={open === action ? true : undefined}
          >
            {t(`action_${action.key}`)}
          </button>
        ))}
      </div>
      {open ? (
        <form
          class="action-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(open);
          }}
        >
          <label>
            {t(open.text!.label)}
            <textarea
              value={text}
              required={!open.text!.optional}
              maxLength={2000}
              rows={3}
              onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
            />
          </label>
          {open.key === 'goodwill' ? (
            <label>
              {t('field_points')}
              <input
                type="number"
                min={1}
                max={10000}
                value={points}
                onInput={(event) => setPoints(Number((event.target as HTMLInputElement).value))}
              />
            </label>
          ) : null}
          <div class="buttons">
            <button type="submit" disabled={busy}>
              {t(`action_${open.key}`)}
            </button>
            <button type="button" class="secondary" onClick={() => setOpen(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <p role="status" class={outcome && !outcome.ok ? 'error' : 'note'}>
        {outcome ? (outcome.ok ? t('done') : outcome.message) : ''}
      </p>
    </div>
  );
}
