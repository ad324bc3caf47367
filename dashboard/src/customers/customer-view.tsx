import { useEffect } from 'preact/hooks';
import { useQuery } from '../api/hooks.ts';
import type { CustomerDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';
import { TicketActions } from '../tickets/ticket-actions.tsx';
import { TicketHistory } from '../tickets/ticket-history.tsx';
import { DataTable } from '../ui/data-table.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { TimeChart } from '../ui/time-chart.tsx';
import { driverText, reasonText } from './loyalty-texts.ts';

/** Drawn on one 1-5 scale; NPS (0-10) goes in the table beside them. */
const trendQuestions = ['csat', 'keepBuying', 'buyMore', 'brandImage', 'needsMet'] as const;

/** Everything about one customer: profile, loyalty and churn risk with their reasons, history, tickets and points. */
export function CustomerView({ id, focusTicket }: { id: string; focusTicket: string | null }) {
  const i18n = useI18n();
  const { t, num, money, date, dateTime } = i18n;
  const { data, error, refetch } = useQuery<CustomerDetail>('customerDetail', { id });
  const loaded = data !== undefined;
  // A link to one of the customer's tickets (the at-risk list's win-backs) lands on it, opened.
  useEffect(() => {
    if (!loaded || !focusTicket) return;
    const element = document.getElementById(`ticket-${focusTicket}`) as HTMLDetailsElement | null;
    if (!element) return;
    element.open = true;
    element.scrollIntoView({ block: 'start' });
    element.querySelector('summary')?.focus();
  }, [loaded, focusTicket]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <p aria-busy="true">{t('loading')}</p>;
  const customer = data.customer;
  if (!customer) return <p role="alert">{t('notFound')}</p>;
  const loyalty = customer.loyalty;
  const trend = loyalty?.trackerTrend ?? [];
  const label = (question: (typeof trendQuestions)[number]) => (question === 'csat' ? 'CSAT' : t(question));

  return (
    <article aria-labelledby="customer-title">
      <h2 id="customer-title">{customer.name}</h2>
      <div class="grid">
        <section class="card" aria-labelledby="profile-title">
          <h3 id="profile-title">{t('profile')}</h3>
          <dl class="facts">
            <dt>{t('team')}</dt>
            <dd>{customer.team.name}</dd>
            <dt>{t('email')}</dt>
            <dd>{customer.email ?? t('notAvailable')}</dd>
            <dt>{t('city')}</dt>
            <dd>{customer.city ?? t('notAvailable')}</dd>
            <dt>{t('region')}</dt>
            <dd>{customer.region ?? t('notAvailable')}</dd>
            <dt>{t('preferredChannel')}</dt>
            <dd>{t(`channel_${customer.preferredChannel}` as never)}</dd>
            <dt>{t('surveyConsent')}</dt>
            <dd>{customer.surveyConsent ? t('yes') : t('no')}</dd>
            <dt>{t('customerSince')}</dt>
            <dd>{date(customer.createdAt)}</dd>
            <dt>{t('latestNps')}</dt>
            <dd>{num(customer.figures.latestNps)}</dd>
            <dt>{t('purchaseCount')}</dt>
            <dd>{num(customer.figures.purchaseCount)}</dd>
            <dt>{t('totalSpend')}</dt>
            <dd>
              {customer.figures.totalSpend.length ? customer.figures.totalSpend.map(money).join(', ') : money(null)}
            </dd>
            <dt>{t('lastPurchase')}</dt>
            <dd>{date(customer.figures.lastPurchaseAt)}</dd>
          </dl>
        </section>
        {loyalty ? (
          <section class="card" aria-labelledby="loyalty-title">
            <h3 id="loyalty-title">{t('loyalty')}</h3>
            <p class="category" data-category={loyalty.category}>
              <strong>{t(`cat_${loyalty.category}` as never)}</strong>
            </p>
            <h4>{t('reasons')}</h4>
            <ul>
              {loyalty.reasonDetails.map((reason) => (
                <li key={reason.code}>{reasonText(i18n, reason)}</li>
              ))}
            </ul>
            <h4>{t('churnRisk')}</h4>
            <p data-risk={loyalty.churnRisk.level}>
              {t('riskScore', { score: loyalty.churnRisk.score })} · {t(`level_${loyalty.churnRisk.level}` as never)}
            </p>
            {loyalty.churnRisk.drivers.length ? (
              <ul aria-label={t('drivers')}>
                {loyalty.churnRisk.drivers.map((driver) => (
                  <li key={driver.kind}>
                    {driverText(i18n, driver)} ({t('driverPoints', { points: driver.points })})
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('noDrivers')}</p>
            )}
            <p>
              {t('clv')}: {money(loyalty.lifetimeValue)}
            </p>
          </section>
        ) : null}
        {customer.rewards ? (
          <section class="card" aria-labelledby="rewards-title">
            <h3 id="rewards-title">{t('rewards')}</h3>
            <dl class="facts">
              <dt>{t('points')}</dt>
              <dd data-points={customer.rewards.balance}>{num(customer.rewards.balance)}</dd>
              <dt>{t('tier')}</dt>
              <dd>{t(`tier_${customer.rewards.tier}` as never)}</dd>
              <dt>{t('earnedLastYear')}</dt>
              <dd>{num(customer.rewards.earnedLastYear)}</dd>
            </dl>
          </section>
        ) : null}
        {trend.length ? (
          <TimeChart
            id="trend"
            title={t('trend')}
            periods={trend.map((month) => i18n.month(month.month))}
            series={trendQuestions.map((question) => ({
              label: label(question),
              values: trend.map((month) => month[question]),
              format: (value: number | null) => num(value, 1),
            }))}
            extra={[
              { label: t('trendNps'), values: trend.map((month) => num(month.nps, 1)) },
              { label: t('answers'), values: trend.map((month) => num(month.answers)) },
            ]}
          />
        ) : null}
      </div>

      <section aria-labelledby="tickets-title">
        <h3 id="tickets-title">{t('tickets')}</h3>
        {customer.tickets.nodes.length === 0 ? <p>{t('none')}</p> : null}
        {customer.tickets.nodes.map((ticket) => (
          <details
            key={ticket.id}
            class="card ticket"
            id={`ticket-${ticket.id}`}
            data-ticket={ticket.id}
            open={ticket.status === 'OPEN' || ticket.status === 'ACKNOWLEDGED'}
          >
            <summary>
              {t(`kind_${ticket.kind}`)} · {t(`status_${ticket.status}`)} · {dateTime(ticket.createdAt)}
              {ticket.overdue ? <strong class="flag"> {t('overdue')}</strong> : null}
            </summary>
            {ticket.resolution ? (
              <p>
                {t('resolution')}: {ticket.resolution}
              </p>
            ) : null}
            <TicketActions ticket={ticket} onDone={refetch} />
            <TicketHistory events={ticket.events?.nodes ?? []} />
          </details>
        ))}
      </section>

      <DataTable
        caption={t('feedback')}
        rows={customer.feedback.nodes}
        rowKey={(row) => row.id}
        empty={t('none')}
        columns={[
          { label: t('date'), cell: (row) => dateTime(row.submittedAt) },
          { label: 'NPS', numeric: true, cell: (row) => num(row.nps) },
          { label: 'CSAT', numeric: true, cell: (row) => num(row.csat) },
          { label: t('keepBuying'), numeric: true, cell: (row) => num(row.keepBuying) },
          { label: t('needsMet'), numeric: true, cell: (row) => num(row.needsMet) },
          { label: t('comment'), cell: (row) => row.comment ?? '' },
          { label: t('channel'), cell: (row) => t(`channel_${row.channel}` as never) },
        ]}
      />
      <DataTable
        caption={t('purchases')}
        rows={customer.purchases.nodes}
        rowKey={(row) => row.id}
        empty={t('none')}
        columns={[
          { label: t('date'), cell: (row) => date(row.purchasedAt) },
          { label: t('product'), cell: (row) => row.product?.name ?? '' },
          { label: t('quantity'), numeric: true, cell: (row) => num(row.quantity) },
          { label: t('amount'), numeric: true, cell: (row) => money(row.amount) },
        ]}
      />
    </article>
  );
}
