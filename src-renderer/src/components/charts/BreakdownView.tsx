import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakdownBar } from '../../analytics/breakdown';
import type { ChartTable } from '../../analytics/chart-data';
import { ErrorAlert } from '../ErrorAlert';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { ChartFrame } from './ChartFrame';
import { axisStyle, numberOf, tooltipStyle } from './chart-props';
import { seriesColor, useChartTheme } from './chart-theme';
import { CsvButton } from './CsvButton';
import { DataTable } from './DataTable';

interface BreakdownViewProps {
  title: string;
  /** What a row means (under the title). */
  hint: ReactNode;
  table: ChartTable;
  bars: readonly BreakdownBar[];
  /** What the bars count (the tooltip's name). */
  barLabel: string;
  summary: string;
  fileStem: string;
  /** Said instead of the chart and the table when there is no row. */
  emptyText: string;
  busy: boolean;
  testId: string;
}

/**
 * A breakdown beside a page's own views: one bar per value (PNG/CSV as every
 * chart) and the table of every value (CSV as every table).
 */
export function BreakdownView(props: BreakdownViewProps) {
  const { title, hint, table, bars, barLabel, summary, fileStem, emptyText, busy, testId } = props;
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const id = useId();
  const empty = table.rows.length === 0;
  return (
    <div className="breakdown" data-testid={testId} aria-busy={busy}>
      <ChartFrame
        title={title}
        summary={summary}
        note={<p className="hint">{hint}</p>}
        table={table}
        fileStem={fileStem}
        emptyText={empty ? emptyText : null}
        height={Math.max(160, 36 * bars.length + 48)}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={[...bars]} layout="vertical" margin={{ top: 8, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke={theme.grid} horizontal={false} />
            <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => format.weight(v)} {...axisStyle(theme)} />
            <YAxis type="category" dataKey="label" width={160} {...axisStyle(theme)} />
            <Tooltip
              {...tooltipStyle(theme)}
              formatter={(value) => {
                const n = numberOf(value);
                return [n === null ? String(value) : format.weight(n), barLabel];
              }}
            />
            <Bar dataKey="value" name={barLabel} fill={seriesColor(theme, 0)} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      {empty ? null : (
        <section className="card" aria-labelledby={`${id}-table`}>
          <div className="chart-head">
            <h2 id={`${id}-table`}>{t('breakdown.tableTitle')}</h2>
            <div className="chart-actions">
              <CsvButton table={table} fileStem={fileStem} title={title} />
            </div>
          </div>
          <DataTable table={table} label={title} />
        </section>
      )}
    </div>
  );
}

/** What stands in for a breakdown until its query answers: the error with a retry, or a loading line. */
export function BreakdownPending({ query }: { query: UseQueryResult<unknown> }) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {t('breakdown.loading')}
    </p>
  );
}
