import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendBucket } from '../../../../src-shared/contract/common';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { roundTicks, seriesOrder } from './axis-order';
import { axisStyle, numberOf, tooltipStyle } from './chart-props';
import { useChartTheme } from './chart-theme';

export interface StackedSeries {
  dataKey: string;
  label: string;
  color: string;
}

interface StackedCountBarsProps {
  /** One row per period (`period`: its first day), a count per series' dataKey. */
  rows: readonly Record<string, string | number>[];
  series: readonly StackedSeries[];
  bucket: TrendBucket;
  stackId: string;
}

/**
 * Counts per day, week or month as stacked bars, for a ChartFrame: round
 * ticks up to the tallest stack, periods and counts in the UI's language, and
 * the tooltip listing the series in the legend's order. The overview's trend
 * (by stage) and a resource's timeline (by action) are this chart.
 */
export function StackedCountBars({ rows, series, bucket, stackId }: StackedCountBarsProps) {
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const totals = rows.map((row) => series.reduce((n, s) => n + Number(row[s.dataKey] ?? 0), 0));
  const ticks = roundTicks(Math.max(0, ...totals));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={rows as Record<string, string | number>[]}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={theme.grid} vertical={false} />
        <XAxis dataKey="period" tickFormatter={(v: string) => format.bucket(v, bucket)} minTickGap={16} {...axisStyle(theme)} />
        <YAxis
          allowDecimals={false}
          ticks={ticks}
          domain={[0, ticks.at(-1)!]}
          tickFormatter={(v: number) => format.count(v)}
          width={48}
          {...axisStyle(theme)}
        />
        <Tooltip
          {...tooltipStyle(theme)}
          itemSorter={seriesOrder(series.map((s) => s.dataKey))}
          labelFormatter={(label) => format.bucket(String(label), bucket)}
          formatter={(value, name) => {
            const n = numberOf(value);
            return [n === null ? String(value) : format.count(n), name];
          }}
        />
        {series.map((s) => (
          <Bar key={s.dataKey} dataKey={s.dataKey} name={s.label} stackId={stackId} fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
