import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FunnelReport } from '../../../../src-shared/contract/analytics';
import { funnelBars, funnelTable, anonymousStageKey } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';
import { ChartFrame } from './ChartFrame';
import { axisStyle, numberOf, tooltipStyle } from './chart-props';
import { roundTicks, seriesOrder } from './axis-order';
import { seriesColor, useChartTheme } from './chart-theme';

interface FunnelChartProps {
  report: FunnelReport;
  title: string;
  fileStem: string;
  /** A click on a stage's bar (the table beside it is the keyboard way). */
  onSelectStage?: (stageKey: string) => void;
  actions?: React.ReactNode;
  testId?: string;
}

/** Developers at or beyond each stage, and those who reached it, as horizontal bars in funnel order. */
export function FunnelChart({ report, title, fileStem, onSelectStage, actions, testId }: FunnelChartProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const stageName = useStageName();
  const bars = funnelBars(report, stageName);
  const ticks = roundTicks(Math.max(0, ...bars.map((b) => Math.max(b.atOrBeyond, b.reached))));
  const table = funnelTable(report, stageName, {
    stage: t('funnel.columns.stage'),
    reached: t('funnel.columns.reached'),
    atOrBeyond: t('funnel.columns.atOrBeyond'),
    conversion: t('funnel.columns.conversion'),
    anonymous: t('funnel.columns.anonymous'),
  });
  const summary = t('funnel.chartSummary', {
    stages: bars
      .map((b) =>
        b.conversionFromPrevious === null
          ? t('funnel.summaryStage', { stage: b.label, value: format.count(b.atOrBeyond) })
          : t('funnel.summaryStageConversion', {
              stage: b.label,
              value: format.count(b.atOrBeyond),
              conversion: format.share(b.conversionFromPrevious),
            }),
      )
      .join(t('funnel.summarySeparator')),
  });
  const anonymousKey = anonymousStageKey(report.stages);
  const anonymousLabel = bars.find((b) => b.key === anonymousKey)?.label ?? '';
  const empty = bars.every((b) => b.atOrBeyond === 0 && b.reached === 0);
  const atOrBeyondColor = seriesColor(theme, 0);
  const reachedColor = seriesColor(theme, 1);
  const tooltip = tooltipStyle(theme);

  return (
    <ChartFrame
      title={title}
      summary={summary}
      table={table}
      fileStem={fileStem}
      testId={testId}
      actions={actions}
      height={Math.max(180, bars.length * 56 + 40)}
      emptyText={empty ? t('funnel.emptyChart') : null}
      legend={[
        { label: t('funnel.columns.atOrBeyond'), color: atOrBeyondColor },
        { label: t('funnel.columns.reached'), color: reachedColor },
      ]}
      note={
        report.anonymous > 0 ? (
          <p className="chart-note" data-testid="funnel-anonymous">
            {t('funnel.anonymousNote', { formatted: format.count(report.anonymous), stage: anonymousLabel })}
          </p>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false} barGap={2}>
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            ticks={ticks}
            domain={[0, ticks.at(-1)!]}
            tickFormatter={(v: number) => format.count(v)}
            {...axisStyle(theme)}
          />
          <YAxis type="category" dataKey="label" width={112} {...axisStyle(theme)} tick={{ fill: theme.text, fontSize: 12 }} />
          <Tooltip
            {...tooltip}
            itemSorter={seriesOrder(['atOrBeyond', 'reached'])}
            formatter={(value, name) => {
              const n = numberOf(value);
              return [n === null ? String(value) : format.count(n), name];
            }}
          />
          <Bar
            dataKey="atOrBeyond"
            name={t('funnel.columns.atOrBeyond')}
            fill={atOrBeyondColor}
            isAnimationActive={false}
            cursor={onSelectStage ? 'pointer' : undefined}
            onClick={onSelectStage ? (item) => onSelectStage(String((item.payload as { key: string }).key)) : undefined}
          />
          <Bar
            dataKey="reached"
            name={t('funnel.columns.reached')}
            fill={reachedColor}
            isAnimationActive={false}
            cursor={onSelectStage ? 'pointer' : undefined}
            onClick={onSelectStage ? (item) => onSelectStage(String((item.payload as { key: string }).key)) : undefined}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
