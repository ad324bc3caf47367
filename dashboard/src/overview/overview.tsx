import { useState } from 'preact/hooks';
import { useQuery } from '../api/hooks.ts';
import type { Overview as OverviewData, Period, RecoveryGroup, Viewer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';
import { BarList } from '../ui/bar-list.tsx';
import { DataTable } from '../ui/data-table.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { TimeChart } from '../ui/time-chart.tsx';
import { type Granularity, periodCount, reportRange } from './report-range.ts';
import { ScopePicker, scopeInput } from './scope-picker.tsx';

const share = (part: number, n: number) => (n ? (part / n) * 100 : null);
const times100 = (value: number | null) => (value === null ? null : value * 100);

/** Loyalty figures over time for everyone, a team or a segment, in the browser's time zone. */
export function Overview({ viewer }: { viewer: Viewer }) {
  const { t } = useI18n();
  const member = viewer.viewer.role === 'MEMBER' ? viewer.viewer.member : null;
  const [scope, setScope] = useState(member ? `team:${member.team.id}` : '');
  const [granularity, setGranularity] = useState<Granularity>('MONTH');
  const [range] = useState(() => ({ MONTH: reportRange('MONTH'), QUARTER: reportRange('QUARTER') }));
  const { data, error, fetching } = useQuery<OverviewData>('loyaltyDashboard', {
    ...range[granularity],
    scope: scopeInput(scope),
  });

  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">{t('navOverview')}</h2>
      <form class="toolbar" onSubmit={(event) => event.preventDefault()}>
        <ScopePicker viewer={viewer} value={scope} onChange={setScope} />
        <label>
          {t('granularity')}
          <select
            value={granularity}
            onChange={(event) => setGranularity((event.target as HTMLSelectElement).value as Granularity)}
          >
            <option value="MONTH">{t('byMonth')}</option>
            <option value="QUARTER">{t('byQuarter')}</option>
          </select>
        </label>
        <p class="note">{t('periodsNote', { count: periodCount[granularity], zone: range[granularity].timeZone })}</p>
      </form>
      <ErrorAlert error={error} />
      {!data ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <div class="grid" aria-busy={fetching}>
          <Charts periods={data.loyaltyReport} granularity={granularity} />
          <Paradox paradox={data.recoveryParadox} />
          <BarList
            id="categories"
            title={t('categoriesTitle')}
            valueLabel={t('customers')}
            bars={data.loyaltyCategories.map(({ category, customers }) => ({
              label: t(`cat_${category}` as never),
              value: customers,
            }))}
          />
        </div>
      )}
    </section>
  );
}

function Charts({ periods, granularity }: { periods: Period[]; granularity: Granularity }) {
  const i18n = useI18n();
  const { t, num, money } = i18n;
  const labels = periods.map((p) => (granularity === 'MONTH' ? i18n.month(p.start) : i18n.quarter(p.start)));
  const n = (values: number[]) => [{ label: t('answers'), values: values.map((value) => num(value)) }];
  const one = (value: number | null) => num(value, 1);
  const pct = (value: number | null) => (value === null ? t('notAvailable') : `${num(value, 1)}%`);
  const moe = (sign: 1 | -1) =>
    periods.map((p) =>
      p.nps.score === null || p.nps.marginOfError === null ? null : p.nps.score + sign * p.nps.marginOfError,
    );
  return (
    <>
      <TimeChart
        id="nps"
        title={t('npsTitle')}
        periods={labels}
        series={[
          { label: 'NPS', values: periods.map((p) => p.nps.score), format: one },
          { label: t('npsLow'), values: moe(-1), format: one },
          { label: t('npsHigh'), values: moe(1), format: one },
        ]}
        band={{ lower: 1, upper: 2 }}
        extra={n(periods.map((p) => p.nps.n))}
        note={periods.some((p) => p.nps.n > 0 && p.nps.marginOfError === null) ? t('npsFewAnswers') : undefined}
      />
      <TimeChart
        id="nps-groups"
        title={t('pppTitle')}
        periods={labels}
        series={[
          { label: t('promoters'), values: periods.map((p) => share(p.nps.promoters, p.nps.n)), format: pct },
          { label: t('passives'), values: periods.map((p) => share(p.nps.passives, p.nps.n)), format: pct },
          { label: t('detractors'), values: periods.map((p) => share(p.nps.detractors, p.nps.n)), format: pct },
        ]}
        extra={n(periods.map((p) => p.nps.n))}
      />
      <TimeChart
        id="csat"
        title={t('csatTitle')}
        periods={labels}
        series={[{ label: t('csat'), values: periods.map((p) => p.csat.percent), format: pct }]}
        extra={n(periods.map((p) => p.csat.n))}
      />
      <TimeChart
        id="tracker"
        title={t('trackerTitle')}
        periods={labels}
        series={(['keepBuying', 'buyMore', 'brandImage', 'needsMet'] as const).map((question) => ({
          label: t(question),
          values: periods.map((p) => p.tracker[question].average),
          format: (value: number | null) => num(value, 2),
        }))}
        extra={n(periods.map((p) => p.tracker.keepBuying.n))}
      />
      <TimeChart
        id="behaviour"
        title={t('behaviourTitle')}
        periods={labels}
        series={[
          {
            label: t('repeatPurchase'),
            values: periods.map((p) => times100(p.purchases.repeatPurchaseRatio)),
            format: pct,
          },
          { label: t('upsell'), values: periods.map((p) => times100(p.purchases.upsellRatio)), format: pct },
          { label: t('retention'), values: periods.map((p) => times100(p.purchases.retentionRate)), format: pct },
          { label: t('churn'), values: periods.map((p) => times100(p.purchases.churnRate)), format: pct },
        ]}
      />
      <TimeChart
        id="clv"
        title={t('clvTitle')}
        periods={labels}
        series={[
          {
            label: t('clv'),
            values: periods.map((p) => {
              const clv = p.purchases.customerLifetimeValue;
              return clv ? clv.amountMinor / 100 : null;
            }),
            format: (value) =>
              value === null
                ? t('notAvailable')
                : money({
                    amountMinor: value * 100,
                    currency: periods[0]?.purchases.customerLifetimeValue?.currency ?? 'EUR',
                  }),
          },
        ]}
      />
      <TimeChart
        id="engagement"
        title={t('engagementTitle')}
        periods={labels}
        series={[{ label: t('engagement'), values: periods.map((p) => p.engagement.index), format: (v) => num(v, 0) }]}
      />
      <TimeChart
        id="tickets"
        title={t('ticketsTitle')}
        periods={labels}
        series={[
          { label: t('ticketsOpened'), values: periods.map((p) => p.tickets.opened), format: (v) => num(v, 0) },
          { label: t('ticketsOverdue'), values: periods.map((p) => p.tickets.overdueAtEnd), format: (v) => num(v, 0) },
        ]}
      />
      <TimeChart
        id="ticket-hours"
        title={`${t('hoursToAcknowledge')} / ${t('hoursToResolve')}`}
        periods={labels}
        series={[
          {
            label: t('hoursToAcknowledge'),
            values: periods.map((p) => p.tickets.medianHoursToAcknowledge),
            format: one,
          },
          { label: t('hoursToResolve'), values: periods.map((p) => p.tickets.medianHoursToResolve), format: one },
        ]}
      />
    </>
  );
}

function Paradox({ paradox }: { paradox: OverviewData['recoveryParadox'] }) {
  const { t, num } = useI18n();
  const groups: [string, RecoveryGroup][] = [
    [t('handledWell'), paradox.handledWell],
    [t('handledOtherwise'), paradox.handledOtherwise],
    [t('allRecovered'), paradox.all],
  ];
  return (
    <figure class="card" id="paradox">
      <figcaption>
        <h3>{t('paradoxTitle')}</h3>
        <p class="note">{t('paradoxIntro')}</p>
      </figcaption>
      <DataTable
        caption={t('paradoxTitle')}
        rows={groups}
        rowKey={([label]) => label}
        columns={[
          { label: t('group'), cell: ([label]) => label },
          { label: t('tickets'), numeric: true, cell: ([, g]) => num(g.tickets) },
          { label: t('answeredAgain'), numeric: true, cell: ([, g]) => num(g.followedUp) },
          { label: t('averageChange'), numeric: true, cell: ([, g]) => num(g.averageEffect, 1) },
          { label: t('npsAfter'), numeric: true, cell: ([, g]) => num(g.npsAfter, 1) },
        ]}
      />
      <p>
        {t('neverComplained')}: NPS {num(paradox.neverComplained.nps, 1)} ({t('answers').toLowerCase()}:{' '}
        {num(paradox.neverComplained.n)})
      </p>
    </figure>
  );
}
