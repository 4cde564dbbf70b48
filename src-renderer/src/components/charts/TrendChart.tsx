import { useTranslation } from 'react-i18next';
import type { TrendReport } from '../../../../src-shared/contract/analytics';
import { trendShape } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';
import { ChartFrame } from './ChartFrame';
import { seriesColor, useChartTheme } from './chart-theme';
import { StackedCountBars } from './StackedCountBars';

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
  const series = shape.series.map((s, i) => ({ dataKey: s.dataKey, label: s.label, color: colorOf(i, s.stageKey) }));

  return (
    <ChartFrame
      title={title}
      summary={summary}
      table={shape.table}
      fileStem={fileStem}
      testId={testId}
      actions={actions}
      emptyText={shape.total === 0 ? t('overview.trendEmpty') : null}
      legend={series}
    >
      <StackedCountBars rows={shape.rows} series={series} bucket={trend.bucket} stackId="stages" />
    </ChartFrame>
  );
}
