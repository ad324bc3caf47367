import type { TicketEvent } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';

/** A ticket's events, newest first (as the API gives them): what happened, who did it, through which channel, with their note. */
export function TicketHistory({ events }: { events: TicketEvent[] }) {
  const { t, dateTime } = useI18n();
  return (
    <ol class="history" aria-label={t('history')}>
      {events.map((event) => (
        <li key={event.id} data-channel={event.channel} data-type={event.type}>
          <time dateTime={event.createdAt}>{dateTime(event.createdAt)}</time>{' '}
          <strong>{t(`event_${event.type}` as never)}</strong>{' '}
          <span>
            {event.channel === 'SYSTEM'
              ? t('eventBySystem', { who: event.actorName })
              : t('eventBy', { who: event.actorName, channel: t(`channel_${event.channel}` as never) })}
          </span>
          {event.note ? <q>{event.note}</q> : null}
        </li>
      ))}
    </ol>
  );
}
