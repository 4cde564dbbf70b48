import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { BreakdownDimension } from '../../../../src-shared/contract/values';
import { roiBreakdownBars, roiBreakdownTable } from '../../analytics/breakdown';
import { exportFileStem } from '../../analytics/csv';
import type { Period } from '../../analytics/period';
import { BreakdownPending, BreakdownView } from '../../components/charts/BreakdownView';
import { campaignQueries } from '../../queries/campaigns';

/** ROI per channel (cost and credit of its campaigns), or attributed credit per UTM value or resource category. */
export function RoiBreakdownSection({
  input,
  by,
  period,
}: {
  input: Omit<ChannelInput<'campaigns:get-roi-breakdown'>, 'by'>;
  by: BreakdownDimension;
  period: Period | null;
}) {
  const { t } = useTranslation();
  const query = useQuery(campaignQueries.roiBreakdown({ ...input, by }));
  const dimension = t(`breakdown.dimensions.${by}`);
  const inTitle = t(`breakdown.inTitle.${by}`);
  const none = t('breakdown.none');
  const report = query.data;
  if (!report) return <BreakdownPending query={query} />;
  const table = roiBreakdownTable(report, {
    value: dimension,
    none,
    campaigns: t('breakdown.campaigns'),
    cost: t('campaigns.columns.cost'),
    actions: t('campaigns.columns.actions'),
    conversions: t('campaigns.columns.conversions'),
    costPerConversion: t('campaigns.columns.costPerConversion'),
    roiPercent: t('campaigns.columns.roiPercent'),
  });
  const bars = roiBreakdownBars(report, none);
  const missing = [...new Set(report.rows.flatMap((r) => r.missingRates.map((m) => `${m.currency} ${m.month}`)))];
  const hint = by === 'channel' ? t('breakdown.roiHintChannel') : t('breakdown.roiHintCredit');
  return (
    <BreakdownView
      title={t('breakdown.roiTitle', { dimension: inTitle })}
      hint={missing.length > 0 ? `${hint} ${t('breakdown.roiMissingRates', { rates: missing.join(', ') })}` : hint}
      table={table}
      bars={bars}
      barLabel={t('campaigns.columns.conversions')}
      summary={t('breakdown.roiChartSummary', { dimension: inTitle, count: bars.length })}
      fileStem={exportFileStem(`roi-by-${by}`, period)}
      emptyText={t('breakdown.roiEmpty')}
      busy={query.isFetching}
      testId="roi-breakdown"
    />
  );
}
