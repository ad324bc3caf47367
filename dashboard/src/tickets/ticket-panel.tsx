import { useQuery } from '../api/hooks.ts';
import type { Ticket } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { TicketActions } from './ticket-actions.tsx';
import { TicketHistory } from './ticket-history.tsx';

/** One ticket opened from the queue: its feedback, deadlines, actions and history, read fresh. */
export function TicketPanel({
  ticketId,
  generation,
  onChanged,
  onClose,
}: {
  ticketId: string;
  /** Bumped when a change to the queue's tickets is heard, so the panel reads again. */
  generation: number;
  onChanged(): void;
  onClose(): void;
}) {
  const { t, dateTime, num } = useI18n();
  const { data, error, refetch } = useQuery<{ node: Ticket | null }>('ticketDetail', { id: ticketId }, { generation });
  const ticket = data?.node;
  return (
    <section class="card panel" aria-labelledby="ticket-title">
      <div class="panel-head">
        <h3 id="ticket-title">{ticket ? t('ticketFor', { customer: ticket.customer.name }) : t('loading')}</h3>
        <button type="button" class="secondary" onClick={onClose}>
          {t('closeDetails')}
        </button>
      </div>
      <ErrorAlert error={error} />
      {ticket ? (
        <>
          <dl class="facts">
            <dt>{t('status')}</dt>
            <dd data-status={ticket.status}>{t(`status_${ticket.status}`)}</dd>
            <dt>{t('kind')}</dt>
            <dd>{t(`kind_${ticket.kind}`)}</dd>
            {ticket.feedback ? (
              <>
                <dt>{t('score')}</dt>
                <dd>{t('feedbackScore', { nps: ticket.feedback.nps === null ? null : num(ticket.feedback.nps) })}</dd>
                {ticket.feedback.comment ? (
                  <>
                    <dt>{t('comment')}</dt>
                    <dd>
                      <q>{ticket.feedback.comment}</q>
                    </dd>
                  </>
                ) : null}
              </>
            ) : null}
            <dt>{t('acknowledgeBy')}</dt>
            <dd>{dateTime(ticket.ackDueAt)}</dd>
            <dt>{t('resolveBy')}</dt>
            <dd>{dateTime(ticket.resolveDueAt)}</dd>
            <dt>{t('assignee')}</dt>
            <dd>{ticket.assignee?.name ?? t('unassigned')}</dd>
            {ticket.resolution ? (
              <>
                <dt>{t('resolution')}</dt>
                <dd>{ticket.resolution}</dd>
              </>
            ) : null}
          </dl>
          <TicketActions
            ticket={ticket}
            onDone={() => {
              refetch();
              onChanged();
            }}
          />
          <h4>{t('history')}</h4>
          <TicketHistory events={ticket.events?.nodes ?? []} />
        </>
      ) : null}
    </section>
  );
}
