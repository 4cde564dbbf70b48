import { useTranslation } from 'react-i18next';
import { Cell, Funnel, FunnelChart as RechartsFunnel, LabelList, ResponsiveContainer, Tooltip, type LabelProps } from 'recharts';
import type { FunnelReport } from '../../../../src-shared/contract/analytics';
import { funnelBars, funnelStepLabel, funnelTable, anonymousStageKey } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';
import { ChartFrame } from './ChartFrame';
import { numberOf, tooltipStyle } from './chart-props';
import { seriesColor, useChartTheme } from './chart-theme';

interface FunnelChartProps {
  report: FunnelReport;
  title: string;
  fileStem: string;
  /** A click on a stage's step (the table beside it is the keyboard way). */
  onSelectStage?: (stageKey: string) => void;
  actions?: React.ReactNode;
  testId?: string;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A step's label in the margin beside the whole funnel (not beside its own
 * step, where a wide step would put it on the colour), level with its step.
 */
function sideLabel(side: 'left' | 'right', fill: string) {
  return function SideLabel(props: LabelProps) {
    const step = props.viewBox as Box | undefined;
    const plot = props.parentViewBox as Box | undefined;
    if (!step || !plot || props.value === undefined) return null;
    return (
      <text
        x={side === 'left' ? plot.x - 10 : plot.x + plot.width + 10}
        y={step.y + step.height / 2}
        textAnchor={side === 'left' ? 'end' : 'start'}
        dominantBaseline="middle"
        fill={fill}
        fontSize={12}
      >
        {props.value}
      </text>
    );
  };
}

/**
 * Developers at or beyond each stage drawn as a funnel: one step per stage in
 * funnel order, as wide as its count, named on the left, with its count and
 * its share of the step above (the step %) on the right. The numbers behind
 * it (reached, from the first stage, drop-off, the previous period) are in
 * its table.
 */
export function FunnelChart({ report, title, fileStem, onSelectStage, actions, testId }: FunnelChartProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const theme = useChartTheme();
  const stageName = useStageName();
  const bars = funnelBars(report, stageName).map((bar) => ({
    ...bar,
    step: funnelStepLabel(bar, format.count, format.share),
  }));
  const table = funnelTable(report, stageName, {
    stage: t('funnel.columns.stage'),
    reached: t('funnel.columns.reached'),
    atOrBeyond: t('funnel.columns.atOrBeyond'),
    conversion: t('funnel.columns.conversion'),
    fromFirst: t('funnel.columns.fromFirst'),
    droppedOff: t('funnel.columns.droppedOff'),
    previous: t('funnel.columns.previous'),
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
  const tooltip = tooltipStyle(theme);
  const label = (side: 'left' | 'right') => sideLabel(side, theme.text);

  return (
    <ChartFrame
      title={title}
      summary={summary}
      table={table}
      fileStem={fileStem}
      testId={testId}
      actions={actions}
      height={Math.max(180, bars.length * 56 + 16)}
      emptyText={empty ? t('funnel.emptyChart') : null}
      legend={[{ label: t('funnel.columns.atOrBeyond'), color: seriesColor(theme, 0) }]}
      note={
        report.anonymous > 0 ? (
          <p className="chart-note" data-testid="funnel-anonymous">
            {t('funnel.anonymousNote', { formatted: format.count(report.anonymous), stage: anonymousLabel })}
          </p>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <RechartsFunnel margin={{ top: 8, right: 150, bottom: 8, left: 130 }} accessibilityLayer={false}>
          <Tooltip
            {...tooltip}
            formatter={(value, name) => {
              const n = numberOf(value);
              return [n === null ? String(value) : format.count(n), name];
            }}
          />
          <Funnel
            data={bars}
            dataKey="atOrBeyond"
            nameKey="label"
            lastShapeType="rectangle"
            isAnimationActive={false}
            cursor={onSelectStage ? 'pointer' : undefined}
            onClick={onSelectStage ? (item) => onSelectStage(String((item.payload as { key: string }).key)) : undefined}
          >
            {bars.map((bar, i) => (
              <Cell key={bar.key} fill={seriesColor(theme, i)} />
            ))}
            <LabelList dataKey="label" content={label('left')} />
            <LabelList dataKey="step" content={label('right')} />
          </Funnel>
        </RechartsFunnel>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
