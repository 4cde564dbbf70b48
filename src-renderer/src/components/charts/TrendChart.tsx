import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendReport } from '../../../../src-shared/contract/analytics';
import { trendShape } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';
import { ChartFrame } from './ChartFrame';
import { axisStyle, numberOf, tooltipStyle } from './chart-props';
import { roundTicks, seriesOrder } from './axis-order';
import { seriesColor, useChartTheme } from './chart-theme';

interface TrendChartProps {
  trend: TrendReport;
  title: string;
  fileStem: string;
  actions?: React.ReactNode;
  testId?: string;
}

/** Activities per day, week or month, stacked by the stage their action maps to. */
export function TrendChart({ trend, title, fileStem, actions, testId }: TrendChartProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const stageName = useStageName();
  const shape = trendShape(trend, stageName, {
    period: t(`overview.bucketColumn.${trend.bucket}`),
    unmapped: t('overview.unmapped'),
    total: t('overview.total'),
  });
  const colorOf = (index: number, stageKey: string | null) => (stageKey === null ? theme.neutral : seriesColor(theme, index));
  const peak = shape.rows.reduce<Record<string, string | number> | null>(
    (best, row) => (best === null || (row.total as number) > (best.total as number) ? row : best),
    null,
  );
  const summary =
    peak && shape.total > 0
      ? t('overview.trendSummary', {
          total: format.count(shape.total),
          buckets: format.count(shape.rows.length),
          peak: format.bucket(String(peak.period), trend.bucket),
          peakCount: format.count(peak.total as number),
        })
      : t('overview.trendEmpty');
  const tooltip = tooltipStyle(theme);
  const ticks = roundTicks(Math.max(0, ...shape.rows.map((r) => r.total as number)));

  return (
    <ChartFrame
      title={title}
      summary={summary}
      table={shape.table}
      fileStem={fileStem}
      testId={testId}
      actions={actions}
      emptyText={shape.total === 0 ? t('overview.trendEmpty') : null}
      legend={shape.series.map((s, i) => ({ label: s.label, color: colorOf(i, s.stageKey) }))}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={shape.rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} vertical={false} />
          <XAxis dataKey="period" tickFormatter={(v: string) => format.bucket(v, trend.bucket)} minTickGap={16} {...axisStyle(theme)} />
          <YAxis
            allowDecimals={false}
            ticks={ticks}
            domain={[0, ticks.at(-1)!]}
            tickFormatter={(v: number) => format.count(v)}
            width={48}
            {...axisStyle(theme)}
          />
          <Tooltip
            {...tooltip}
            itemSorter={seriesOrder(shape.series.map((s) => s.dataKey))}
            labelFormatter={(label) => format.bucket(String(label), trend.bucket)}
            formatter={(value, name) => {
              const n = numberOf(value);
              return [n === null ? String(value) : format.count(n), name];
            }}
          />
          {shape.series.map((s, i) => (
            <Bar
              key={s.dataKey}
              dataKey={s.dataKey}
              name={s.label}
              stackId="stages"
              fill={colorOf(i, s.stageKey)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
