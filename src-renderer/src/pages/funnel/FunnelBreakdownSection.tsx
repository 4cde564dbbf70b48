import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BreakdownDimension } from '../../../../src-shared/contract/values';
import { funnelBreakdownBars, funnelBreakdownTable } from '../../analytics/breakdown';
import { exportFileStem } from '../../analytics/csv';
import type { Period } from '../../analytics/period';
import { useStageName } from '../../analytics/use-stage-name';
import { BreakdownPending, BreakdownView } from '../../components/charts/BreakdownView';
import { analyticsQueries } from '../../queries/analytics';

/** The funnel of the period per channel, UTM source, UTM medium or resource category. */
export function FunnelBreakdownSection({ period, by, filtered }: { period: Period; by: BreakdownDimension; filtered: boolean }) {
  const { t } = useTranslation();
  const stageName = useStageName();
  const query = useQuery(analyticsQueries.funnelBreakdown({ ...period, by }));
  const dimension = t(`breakdown.dimensions.${by}`);
  const inTitle = t(`breakdown.inTitle.${by}`);
  const none = t('breakdown.none');
  const report = query.data;
  if (!report) return <BreakdownPending query={query} />;
  const table = funnelBreakdownTable(report, { value: dimension, none, stage: stageName, conversion: t('breakdown.conversion') });
  const bars = funnelBreakdownBars(report, none);
  const first = report.rows[0]?.stages[0];
  return (
    <BreakdownView
      title={t('breakdown.funnelTitle', { dimension: inTitle })}
      hint={
        <>
          {t('breakdown.funnelHint')}
          {filtered ? ` ${t('breakdown.funnelFiltersIgnored')}` : ''}
        </>
      }
      table={table}
      bars={bars}
      barLabel={first ? stageName(first) : ''}
      summary={t('breakdown.funnelChartSummary', { dimension: inTitle, count: bars.length })}
      fileStem={exportFileStem(`funnel-by-${by}`, period)}
      emptyText={t('breakdown.funnelEmpty')}
      busy={query.isFetching}
      testId="funnel-breakdown"
    />
  );
}
