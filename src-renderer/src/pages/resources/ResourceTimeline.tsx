import { useTranslation } from 'react-i18next';
import type { ResourceReport } from '../../../../src-shared/contract/resources';
import { ChartFrame } from '../../components/charts/ChartFrame';
import { seriesColor, useChartTheme } from '../../components/charts/chart-theme';
import { StackedCountBars } from '../../components/charts/StackedCountBars';
import { timelineShape } from './resource-view';

/** The resource's activities per day or week, stacked by action; PNG and CSV from its frame. */
export function ResourceTimeline({ report, fileStem, actions }: { report: ResourceReport; fileStem: string; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const shape = timelineShape(report, t('resourceDetail.period'));
  const title = t('resourceDetail.timelineTitle');
  const series = shape.series.map((s, i) => ({ dataKey: s.dataKey, label: s.label, color: seriesColor(theme, i) }));
  return (
    <ChartFrame
      title={title}
      summary={t('resourceDetail.timelineSummary', { count: shape.total, bucket: t(`resourceDetail.bucketNouns.${report.bucket}`) })}
      table={shape.table}
      fileStem={fileStem}
      actions={actions}
      testId="resource-timeline"
      emptyText={shape.total === 0 ? t('resourceDetail.timelineEmpty') : null}
      legend={series}
    >
      <StackedCountBars rows={shape.rows} series={series} bucket={report.bucket} stackId="actions" />
    </ChartFrame>
  );
}
