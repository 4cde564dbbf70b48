import { useTranslation } from 'react-i18next';
import { categoryLabel } from '../../lib/labels';
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CampaignDetail } from '../../../../src-shared/contract/campaigns';
import type { TrendBucket } from '../../../../src-shared/contract/common';
import { campaignTimeTable, costTable, costsByCurrency, hasValues } from '../../analytics/chart-data';
import { exportFileStem } from '../../analytics/csv';
import type { Period } from '../../analytics/period';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { ChartFrame } from '../../components/charts/ChartFrame';
import { axisStyle, numberOf, tooltipStyle } from '../../components/charts/chart-props';
import { seriesColor, useChartTheme } from '../../components/charts/chart-theme';

interface ChartsProps {
  detail: CampaignDetail;
  bucket: TrendBucket;
  period: Period | null;
}

/** Attributed activities (weights) as bars and conversions as a line, per bucket. */
export function CampaignTimeChart({ detail, bucket, period }: ChartsProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const name = detail.campaign.name;
  const table = campaignTimeTable(detail.overTime, {
    period: t(`overview.bucketColumn.${bucket}`),
    actions: t('campaigns.columns.actions'),
    conversions: t('campaigns.columns.conversions'),
  });
  const totals = detail.overTime.reduce((sum, p) => ({ actions: sum.actions + p.actions, conversions: sum.conversions + p.conversions }), {
    actions: 0,
    conversions: 0,
  });
  const empty = !hasValues(table.rows, ['actions', 'conversions']);
  const actionsColor = seriesColor(theme, 0);
  const conversionsColor = seriesColor(theme, 2);
  const tooltip = tooltipStyle(theme);
  return (
    <ChartFrame
      title={t('campaigns.detail.overTime')}
      summary={t('campaigns.detail.overTimeSummary', {
        actions: format.weight(totals.actions),
        conversions: format.weight(totals.conversions),
        buckets: format.count(detail.overTime.length),
      })}
      table={table}
      fileStem={exportFileStem(`${name}-over-time-${bucket}`, period)}
      emptyText={empty ? t('campaigns.detail.noActivity') : null}
      testId="campaign-over-time"
      legend={[
        { label: t('campaigns.columns.actions'), color: actionsColor },
        { label: t('campaigns.columns.conversions'), color: conversionsColor },
      ]}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={detail.overTime} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} vertical={false} />
          <XAxis dataKey="period" tickFormatter={(v: string) => format.bucket(v, bucket)} minTickGap={16} {...axisStyle(theme)} />
          <YAxis
            yAxisId="actions"
            tickFormatter={(v: number) => format.weight(v)}
            width={56}
            label={{ value: t('campaigns.columns.actions'), angle: -90, position: 'insideLeft', fill: theme.muted, fontSize: 12 }}
            {...axisStyle(theme)}
          />
          {/* Conversions are far fewer than activities: their own scale on the right keeps the line readable. */}
          <YAxis
            yAxisId="conversions"
            orientation="right"
            tickFormatter={(v: number) => format.weight(v)}
            width={56}
            label={{ value: t('campaigns.columns.conversions'), angle: 90, position: 'insideRight', fill: theme.muted, fontSize: 12 }}
            {...axisStyle(theme)}
          />
          <Tooltip
            {...tooltip}
            labelFormatter={(label) => format.bucket(String(label), bucket)}
            formatter={(value, label) => {
              const n = numberOf(value);
              return [n === null ? String(value) : format.weight(n), label];
            }}
          />
          <Bar yAxisId="actions" dataKey="actions" name={t('campaigns.columns.actions')} fill={actionsColor} isAnimationActive={false} />
          <Line
            yAxisId="conversions"
            dataKey="conversions"
            name={t('campaigns.columns.conversions')}
            stroke={conversionsColor}
            strokeWidth={2}
            dot={{ r: 3, fill: conversionsColor }}
            isAnimationActive={false}
            type="monotone"
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** Budget entries summed by category, one chart per currency (amounts in two currencies are never added). */
export function CostCharts({ detail, period }: Omit<ChartsProps, 'bucket'>) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const groups = costsByCurrency(detail.costByCategory, (category) => categoryLabel(t, category));
  const tooltip = tooltipStyle(theme);
  const labels = { category: t('campaigns.columns.category'), amount: t('campaigns.columns.amount') };
  if (groups.length === 0) {
    return (
      <ChartFrame
        title={t('campaigns.detail.costByCategory')}
        summary=""
        table={{ columns: [], rows: [] }}
        fileStem="cost"
        emptyText={t('campaigns.detail.noCost')}
      >
        {null}
      </ChartFrame>
    );
  }
  return (
    <>
      {groups.map((group) => (
        <ChartFrame
          key={group.currency}
          title={
            groups.length > 1 ? t('campaigns.detail.costByCategoryIn', { currency: group.currency }) : t('campaigns.detail.costByCategory')
          }
          summary={t('campaigns.detail.costSummary', {
            total: format.money(group.total, group.currency),
            categories: group.rows.map((r) => `${r.category} ${format.money(r.amount, group.currency)}`).join(', '),
          })}
          table={costTable(group, labels)}
          fileStem={exportFileStem(`${detail.campaign.name}-cost-${group.currency}`, period)}
          height={Math.max(140, group.rows.length * 40 + 40)}
          testId="campaign-cost"
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={group.rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid stroke={theme.grid} horizontal={false} />
              <XAxis type="number" tickFormatter={(v: number) => format.money(v, group.currency)} {...axisStyle(theme)} />
              <YAxis type="category" dataKey="category" width={112} {...axisStyle(theme)} tick={{ fill: theme.text, fontSize: 12 }} />
              <Tooltip
                {...tooltip}
                formatter={(value, label) => {
                  const n = numberOf(value);
                  return [n === null ? String(value) : format.money(n, group.currency), label];
                }}
              />
              <Bar dataKey="amount" name={labels.amount} fill={seriesColor(theme, 3)} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFrame>
      ))}
    </>
  );
}

/** The campaign's charts side by side on a wide window. */
export function CampaignCharts({ detail, bucket, period }: ChartsProps) {
  return (
    <div className="chart-grid">
      <CampaignTimeChart detail={detail} bucket={bucket} period={period} />
      <CostCharts detail={detail} period={period} />
    </div>
  );
}
