import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { exportFileStem } from '../../analytics/csv';
import type { Period } from '../../analytics/period';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { ChartFrame } from '../../components/charts/ChartFrame';
import { axisStyle, numberOf, tooltipStyle } from '../../components/charts/chart-props';
import { seriesColor, useChartTheme } from '../../components/charts/chart-theme';
import { roiBars, roiTicks, type CampaignListRow } from './campaign-list-view';

/** ROI % per campaign as horizontal bars, highest first; a loss reads as a bar left of zero. */
export function RoiBarChart({ rows, period }: { rows: readonly CampaignListRow[]; period: Period | null }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const bars = roiBars(rows);
  const label = t('campaigns.columns.roiPercent');
  const gain = seriesColor(theme, 0);
  const loss = theme.muted;
  const values = bars.map((b) => b.roiPercent);
  const ticks = roiTicks(values);
  return (
    <ChartFrame
      title={t('money.list.roiChart')}
      summary={
        bars.length === 0
          ? ''
          : t('money.list.roiChartSummary', {
              count: bars.length,
              min: format.percentValue(Math.min(...values)),
              max: format.percentValue(Math.max(...values)),
            })
      }
      table={{
        columns: [
          { key: 'campaign', label: t('campaigns.columns.campaign'), kind: 'text' },
          { key: 'roiPercent', label, kind: 'percentValue' },
        ],
        rows: bars.map((b) => ({ campaign: b.campaign, roiPercent: b.roiPercent })),
      }}
      fileStem={exportFileStem('campaigns-roi', period)}
      emptyText={bars.length === 0 ? t('money.list.roiChartEmpty') : null}
      height={Math.max(160, 36 * bars.length + 48)}
      testId="roi-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          {/* Round ticks with zero among them, so that a loss and a gain read from the same line. */}
          <XAxis
            type="number"
            domain={[ticks[0]!, ticks[ticks.length - 1]!]}
            ticks={ticks}
            tickFormatter={(v: number) => format.percentValue(v)}
            {...axisStyle(theme)}
          />
          <YAxis type="category" dataKey="campaign" width={160} {...axisStyle(theme)} />
          <ReferenceLine x={0} stroke={theme.muted} />
          <Tooltip
            {...tooltipStyle(theme)}
            formatter={(value) => {
              const n = numberOf(value);
              return [n === null ? String(value) : format.percentValue(n), label];
            }}
          />
          <Bar dataKey="roiPercent" name={label} isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.campaignId} fill={b.roiPercent >= 0 ? gain : loss} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
