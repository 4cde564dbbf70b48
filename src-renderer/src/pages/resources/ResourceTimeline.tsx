import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResourceReport } from '../../../../src-shared/contract/resources';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { ChartFrame } from '../../components/charts/ChartFrame';
import { roundTicks, seriesOrder } from '../../components/charts/axis-order';
import { axisStyle, numberOf, tooltipStyle } from '../../components/charts/chart-props';
import { seriesColor, useChartTheme } from '../../components/charts/chart-theme';
import { timelineShape } from './resource-view';

/** The resource's activities per day or week, stacked by action; PNG and CSV from its frame. */
export function ResourceTimeline({ report, fileStem, actions }: { report: ResourceReport; fileStem: string; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const shape = timelineShape(report, t('resourceDetail.period'));
  const title = t('resourceDetail.timelineTitle');
  const totals = shape.rows.map((row) => shape.series.reduce((n, s) => n + Number(row[s.dataKey] ?? 0), 0));
  const ticks = roundTicks(Math.max(0, ...totals));
  return (
    <ChartFrame
      title={title}
      summary={t('resourceDetail.timelineSummary', { count: shape.total, bucket: t(`resourceDetail.bucketNouns.${report.bucket}`) })}
      table={shape.table}
      fileStem={fileStem}
      actions={actions}
      testId="resource-timeline"
      emptyText={shape.total === 0 ? t('resourceDetail.timelineEmpty') : null}
      legend={shape.series.map((s, i) => ({ label: s.label, color: seriesColor(theme, i) }))}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={shape.rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} vertical={false} />
          <XAxis dataKey="period" tickFormatter={(v: string) => format.bucket(v, report.bucket)} minTickGap={16} {...axisStyle(theme)} />
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
            itemSorter={seriesOrder(shape.series.map((s) => s.dataKey))}
            labelFormatter={(label) => format.bucket(String(label), report.bucket)}
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
              stackId="actions"
              fill={seriesColor(theme, i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
