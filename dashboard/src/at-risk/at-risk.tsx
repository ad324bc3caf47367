import { useState } from 'preact/hooks';
import { useQuery } from '../api/hooks.ts';
import type { AtRiskCustomer, Connection, Viewer } from '../api/types.ts';
import { driverText } from '../customers/loyalty-texts.ts';
import { useI18n } from '../i18n/i18n.ts';
import { href } from '../route.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { TeamFilter } from '../ui/team-filter.tsx';

/** Customers by churn risk, highest first, with what drives it and links to their win-back tickets. */
export function AtRisk({ viewer }: { viewer: Viewer }) {
  const { t } = useI18n();
  const member = viewer.viewer.role === 'MEMBER' ? viewer.viewer.member : null;
  const [team, setTeam] = useState(member ? member.team.id : '');
  // One cursor per page shown: "Show more" adds the next page under the ones already read.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = { minChurnRisk: 1, ...(team ? { teamIds: [team] } : {}) };
  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">{t('atRiskTitle')}</h2>
      <p class="note">{t('atRiskIntro')}</p>
      <form class="toolbar" onSubmit={(event) => event.preventDefault()}>
        <TeamFilter
          viewer={viewer}
          value={team}
          onChange={(chosen) => {
            setCursors([null]);
            setTeam(chosen);
          }}
        />
      </form>
      <div class="table-scroll">
        <table id="at-risk">
          <caption>{t('atRiskTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('customer')}</th>
              <th scope="col" class="num">
                {t('churnRisk')}
              </th>
              <th scope="col">{t('drivers')}</th>
              <th scope="col">{t('winBack')}</th>
            </tr>
          </thead>
          {cursors.map((after, index) => (
            <RiskPage
              key={`${team}:${after}`}
              filter={filter}
              after={after}
              last={index === cursors.length - 1}
              onMore={(cursor) => setCursors([...cursors, cursor])}
            />
          ))}
        </table>
      </div>
    </section>
  );
}

function RiskPage({
  filter,
  after,
  last,
  onMore,
}: {
  filter: Record<string, unknown>;
  after: string | null;
  last: boolean;
  onMore(cursor: string): void;
}) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const { data, error } = useQuery<{ customers: Connection<AtRiskCustomer> }>('atRisk', { filter, after });
  if (error || !data) {
    return (
      <tbody>
        <tr>
          <td colSpan={4}>{error ? <ErrorAlert error={error} /> : <span aria-busy="true">{t('loading')}</span>}</td>
        </tr>
      </tbody>
    );
  }
  const { nodes, pageInfo } = data.customers;
  return (
    <tbody>
      {nodes.length === 0 && after === null ? (
        <tr>
          <td colSpan={4}>{t('noCustomers')}</td>
        </tr>
      ) : null}
      {nodes.map((customer) => {
        const risk = customer.loyalty?.churnRisk;
        const winBacks = customer.tickets.nodes.filter((ticket) => ticket.kind === 'WIN_BACK');
        return (
          <tr key={customer.id} data-customer={customer.id}>
            <th scope="row">
              <a href={href('customers', customer.id)}>{customer.name}</a>
              <span class="note"> · {customer.team.name}</span>
            </th>
            <td class="num">
              {num(risk?.score ?? null)} · {risk ? t(`level_${risk.level}` as never) : ''}
            </td>
            <td>
              <ul>
                {risk?.drivers.map((driver) => (
                  <li key={driver.kind}>{driverText(i18n, driver)}</li>
                ))}
              </ul>
            </td>
            <td>
              {winBacks.length
                ? winBacks.map((ticket) => (
                    <a key={ticket.id} href={href('customers', customer.id, 'tickets', ticket.id)}>
                      {t(`status_${ticket.status}`)}
                      {ticket.overdue ? ` (${t('overdue')})` : ''}
                    </a>
                  ))
                : t('none')}
            </td>
          </tr>
        );
      })}
      {last && pageInfo.hasNextPage && pageInfo.endCursor ? (
        <tr>
          <td colSpan={4}>
            <button type="button" onClick={() => onMore(pageInfo.endCursor!)}>
              {t('more')}
            </button>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
