import { useTranslation } from 'react-i18next';
import type { FunnelReport } from '../../../../src-shared/contract/analytics';
import { anonymousStageKey, funnelBars } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';
import { periodChange } from './funnel-view';

interface FunnelTableProps {
  report: FunnelReport;
  selected: string | null;
  onSelect(stageKey: string): void;
  /** Lists who reached the stage and no later one. */
  onSelectDropOff(stageKey: string): void;
}

/**
 * The funnel's numbers per stage. Each stage's name is a toggle button (Tab,
 * Enter or Space) that lists its developers below; a click anywhere on the
 * row does the same. A stage's drop-off count lists who stopped there.
 * Anonymous activity sits beside the first stage; the previous period (same
 * length, just before) beside each stage when the report has one.
 */
export function FunnelTable({ report, selected, onSelect, onSelectDropOff }: FunnelTableProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const stageName = useStageName();
  const anonymousKey = anonymousStageKey(report.stages);
  const none = t('common.none');
  const previous = report.previous;
  return (
    <section className="card" aria-labelledby="funnel-table-title">
      <h2 id="funnel-table-title">{t('funnel.tableTitle')}</h2>
      <p className="hint">{t('funnel.tableHint')}</p>
      {previous ? (
        <p className="hint" data-testid="funnel-previous-period">
          {t('funnel.previousPeriod', { period: format.period(previous) })}
        </p>
      ) : previous === null ? (
        <p className="hint">{t('funnel.noPreviousPeriod')}</p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table funnel-table" aria-labelledby="funnel-table-title" data-testid="funnel-table">
          <thead>
            <tr>
              <th scope="col">{t('funnel.columns.stage')}</th>
              <th scope="col" className="num">
                {t('funnel.columns.atOrBeyond')}
              </th>
              <th scope="col" className="num">
                {t('funnel.columns.reached')}
              </th>
              <th scope="col" className="num">
                {t('funnel.columns.conversion')}
              </th>
              <th scope="col" className="num">
                {t('funnel.columns.fromFirst')}
              </th>
              <th scope="col" className="num">
                {t('funnel.columns.droppedOff')}
              </th>
              {previous ? (
                <th scope="col" className="num">
                  {t('funnel.columns.previous')}
                </th>
              ) : null}
              <th scope="col" className="num">
                {t('funnel.columns.anonymous')}
              </th>
            </tr>
          </thead>
          <tbody>
            {funnelBars(report, stageName).map((bar) => {
              const isSelected = bar.key === selected;
              const change = periodChange(bar.atOrBeyond, bar.previous);
              return (
                <tr
                  key={bar.key}
                  className={isSelected ? 'selected-row clickable-row' : 'clickable-row'}
                  data-stage={bar.key}
                  onClick={(event) => {
                    if (!(event.target as HTMLElement).closest('button')) onSelect(bar.key);
                  }}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={isSelected}
                      aria-label={t('funnel.listStage', { stage: bar.label })}
                      onClick={() => onSelect(bar.key)}
                    >
                      {bar.label}
                    </button>
                  </th>
                  <td className="num" data-col="atOrBeyond">
                    {format.count(bar.atOrBeyond)}
                  </td>
                  <td className="num" data-col="reached">
                    {format.count(bar.reached)}
                  </td>
                  <td className="num" data-col="conversion">
                    {bar.conversionFromPrevious === null ? none : format.share(bar.conversionFromPrevious)}
                  </td>
                  <td className="num" data-col="fromFirst">
                    {bar.conversionFromFirst === null ? none : format.share(bar.conversionFromFirst)}
                  </td>
                  <td className="num" data-col="droppedOff">
                    {bar.droppedOff === null ? (
                      none
                    ) : bar.droppedOff === 0 ? (
                      format.count(0)
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('funnel.listDroppedOff', { stage: bar.label })}
                        onClick={() => onSelectDropOff(bar.key)}
                      >
                        {format.count(bar.droppedOff)}
                      </button>
                    )}
                  </td>
                  {previous ? (
                    <td className="num" data-col="previous">
                      {bar.previous === null ? none : format.count(bar.previous)}
                      {change === null ? null : (
                        <span className="cell-subline">{t('funnel.previousChange', { change: format.signedShare(change) })}</span>
                      )}
                    </td>
                  ) : null}
                  <td className="num" data-col="anonymous">
                    {bar.key === anonymousKey ? format.count(report.anonymous) : none}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
