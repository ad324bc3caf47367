import { useEffect, useRef, useState } from 'preact/hooks';
import { useLive, useQuery, useSubscription } from '../api/hooks.ts';
import type { Connection, Ticket, TicketStatus, Viewer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';
import { href } from '../route.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { TeamFilter } from '../ui/team-filter.tsx';
import { TicketPanel } from './ticket-panel.tsx';

const statuses: TicketStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED'];

interface Counts {
  team: { id: string; name: string };
  open: number;
  acknowledged: number;
  overdue: number;
}

/**
 * The live ticket queue: tickets by their resolution deadline, overdue ones marked, filtered by
 * team, status and assignee. Every change to the shown teams' tickets (from Slack, Discord,
 * another browser or the product itself) reaches the page by subscription, and the queue reads
 * itself again; so do the counts per team.
 */
export function TicketQueue({
  viewer,
  selected,
  onSelect,
}: {
  viewer: Viewer;
  selected: string | null;
  onSelect(id: string | null): void;
}) {
  const { t, shortDateTime, num } = useI18n();
  const member = viewer.viewer.role === 'MEMBER' ? viewer.viewer.member : null;
  const [team, setTeam] = useState(member ? member.team.id : '');
  const [status, setStatus] = useState('');
  const [assignee, setAssignee] = useState('');
  const [generation, setGeneration] = useState(0);
  const [counts, setCounts] = useState<Counts[]>([]);
  const live = useLive();
  const teamIds = team ? [team] : null;
  const filter: Record<string, unknown> = {
    statuses: status ? [status] : ['OPEN', 'ACKNOWLEDGED'],
    ...(teamIds ? { teamIds } : {}),
    ...(assignee === 'unassigned' ? { unassigned: true } : assignee ? { assigneeId: assignee } : {}),
  };
  const { data, error } = useQuery<{ tickets: Connection<Ticket> }>('ticketQueue', { filter }, { generation });
  const changed = () => setGeneration((n) => n + 1);
  // Changes made while the connection was down were not heard: read the queue again on reconnect.
  const wasLive = useRef<boolean | null>(null);
  useEffect(() => {
    if (live && wasLive.current === false) changed();
    wasLive.current = live;
  }, [live]);
  useSubscription('ticketChanges', { teamIds }, changed);
  useSubscription<{ ticketQueueCounts: Counts[] }>('queueCounts', { teamIds }, (event) =>
    setCounts(event.ticketQueueCounts),
  );
  const members = viewer.teams
    .filter((candidate) => !team || candidate.id === team)
    .flatMap((candidate) => candidate.members);
  const tickets = data?.tickets.nodes ?? [];

  return (
    <section aria-labelledby="queue-title">
      <div class="panel-head">
        <h2 id="queue-title">{t('queueTitle')}</h2>
        <span class={live ? 'badge live' : 'badge'} role="status">
          {live ? t('live') : live === null ? t('connecting') : t('reconnecting')}
        </span>
      </div>
      <ul class="counts" aria-live="polite">
        {counts.map((count) => (
          <li key={count.team.id}>
            {t('queueCounts', {
              team: count.team.name,
              open: count.open,
              acknowledged: count.acknowledged,
              overdue: count.overdue,
            })}
          </li>
        ))}
      </ul>
      <form class="toolbar" onSubmit={(event) => event.preventDefault()}>
        <TeamFilter viewer={viewer} value={team} onChange={setTeam} />
        <label>
          {t('filterStatus')}
          <select value={status} onChange={(event) => setStatus((event.target as HTMLSelectElement).value)}>
            <option value="">{t('openOrAcknowledged')}</option>
            {statuses.map((option) => (
              <option key={option} value={option}>
                {t(`status_${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterAssignee')}
          <select value={assignee} onChange={(event) => setAssignee((event.target as HTMLSelectElement).value)}>
            <option value="">{t('anyone')}</option>
            {member ? <option value={member.id}>{t('me')}</option> : null}
            <option value="unassigned">{t('unassigned')}</option>
            {members
              .filter((option) => option.id !== member?.id)
              .map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
          </select>
        </label>
      </form>
      <ErrorAlert error={error} />
      <div class="queue">
        <div class="table-scroll">
          <table id="queue">
            <caption>{t('queueTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customer')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col" class="num">
                  {t('score')}
                </th>
                <th scope="col">{t('acknowledgeBy')}</th>
                <th scope="col">{t('resolveBy')}</th>
                <th scope="col">{t('assignee')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('openTicket')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data && tickets.length === 0 ? (
                <tr>
                  <td colSpan={8}>{t('noTickets')}</td>
                </tr>
              ) : null}
              {tickets.map((ticket) => (
                <tr
                  key={ticket.id}
                  data-ticket={ticket.id}
                  data-status={ticket.status}
                  class={ticket.overdue ? 'overdue' : undefined}
                >
                  <th scope="row">
                    <a href={href('customers', ticket.customer.id)}>{ticket.customer.name}</a>
                  </th>
                  <td>
                    {t(`status_${ticket.status}`)}
                    {ticket.overdue ? <strong class="flag"> {t('overdue')}</strong> : null}
                  </td>
                  <td>{t(`kind_${ticket.kind}`)}</td>
                  <td class="num">
                    {ticket.feedback?.nps === null || ticket.feedback?.nps === undefined
                      ? ''
                      : num(ticket.feedback.nps)}
                  </td>
                  <td>{shortDateTime(ticket.ackDueAt)}</td>
                  <td>{shortDateTime(ticket.resolveDueAt)}</td>
                  <td>{ticket.assignee?.name ?? t('unassigned')}</td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => onSelect(ticket.id)}
                      aria-label={`${t('openTicket')}: ${ticket.customer.name}`}
                    >
                      {t('openTicket')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {selected ? (
          <TicketPanel ticketId={selected} generation={generation} onChanged={changed} onClose={() => onSelect(null)} />
        ) : null}
      </div>
    </section>
  );
}
