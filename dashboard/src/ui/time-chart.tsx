import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { useI18n } from '../i18n/i18n.ts';
import { type Column, DataTable } from './data-table.tsx';
import { bandFill, palette } from './palette.ts';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** How a value reads in the table and the legend. */
  format(value: number | null): string;
}

/** Extra table columns that are not drawn (such as the number of answers). */
export interface ExtraColumn {
  label: string;
  values: string[];
}

/**
 * A line chart over the periods (uPlot, on a canvas sized to its box), and the same figures as a
 * table behind "Show as table". `band` shades between two of the series (a margin of error); those
 * two are drawn as the band only.
 */
export function TimeChart({
  id,
  title,
  periods,
  series,
  band,
  extra = [],
  note,
}: {
  /** The figure's element id (tests and links find it by this). */
  id: string;
  title: string;
  periods: string[];
  series: ChartSeries[];
  band?: { lower: number; upper: number };
  extra?: ExtraColumn[];
  note?: string;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([periods, series.map((s) => s.values), title]);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const inBand = (index: number) => band !== undefined && (index === band.lower || index === band.upper);
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 240),
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false } },
        axes: [
          {
            values: (_self, splits) => splits.map((split) => (Number.isInteger(split) ? (periods[split] ?? '') : '')),
            stroke: '#333',
            grid: { show: false },
          },
          { stroke: '#333', grid: { stroke: '#e3e3e3' }, size: 56 },
        ],
        series: [
          {},
          ...series.map((s, index) => ({
            label: s.label,
            stroke: inBand(index) ? 'transparent' : palette[index % palette.length],
            width: 2,
            points: { show: true, size: 6 },
            spanGaps: false,
          })),
        ],
        bands: band ? [{ series: [band.upper + 1, band.lower + 1] as [number, number], fill: bandFill }] : [],
      },
      [periods.map((_, index) => index), ...series.map((s) => s.values)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 240), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [key]);

  const shown = series.filter((_, index) => band === undefined || (index !== band.lower && index !== band.upper));
  const columns: Column<number>[] = [
    { label: t('period'), cell: (index) => periods[index] },
    ...series.map((s) => ({
      label: s.label,
      numeric: true,
      cell: (index: number) => s.format(s.values[index] ?? null),
    })),
    ...extra.map((column) => ({ label: column.label, numeric: true, cell: (index: number) => column.values[index] })),
  ];
  return (
    <figure class="card chart" id={id}>
      <figcaption>
        <h3>{title}</h3>
        {shown.length > 1 || band ? (
          <ul class="legend">
            {series.map((s, index) =>
              band && index === band.upper ? null : (
                <li key={s.label}>
                  <span
                    class="swatch"
                    style={{
                      background: band && index === band.lower ? bandFill : palette[index % palette.length],
                    }}
                  />
                  {band && index === band.lower ? t('npsBand') : s.label}
                </li>
              ),
            )}
          </ul>
        ) : null}
      </figcaption>
      <div class="plot" ref={box} role="img" aria-label={title} />
      {note ? <p class="note">{note}</p> : null}
      <details>
        <summary>{t('showTable')}</summary>
        <DataTable
          caption={title}
          columns={columns}
          rows={periods.map((_, index) => index)}
          rowKey={(i) => String(i)}
        />
      </details>
    </figure>
  );
}
