import { useI18n } from '../i18n/i18n.ts';
import { DataTable } from './data-table.tsx';
import { palette } from './palette.ts';

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars of parts of a whole, each with its count and share written beside it, and a table. */
export function BarList({
  id,
  title,
  bars,
  valueLabel,
}: {
  id: string;
  title: string;
  bars: Bar[];
  valueLabel: string;
}) {
  const { t, num, percent } = useI18n();
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure class="card" id={id}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      <ul class="bars" aria-hidden="true">
        {bars.map((bar, index) => (
          <li key={bar.label}>
            <span class="bar-label">{bar.label}</span>
            <span class="bar-track">
              <span
                class="bar"
                style={{ width: `${(bar.value / max) * 100}%`, background: palette[index % palette.length] }}
              />
            </span>
            <span class="bar-value">
              {num(bar.value)} ({percent(total ? bar.value / total : null)})
            </span>
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('showTable')}</summary>
        <DataTable
          caption={title}
          rows={bars}
          rowKey={(bar) => bar.label}
          columns={[
            { label: t('category'), cell: (bar) => bar.label },
            { label: valueLabel, numeric: true, cell: (bar) => num(bar.value) },
            { label: t('share'), numeric: true, cell: (bar) => percent(total ? bar.value / total : null) },
          ]}
        />
      </details>
    </figure>
  );
}
