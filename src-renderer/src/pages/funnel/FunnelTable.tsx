import { useTranslation } from 'react-i18next';
import type { FunnelReport } from '../../../../src-shared/contract/analytics';
import { anonymousStageKey, byOrder } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';

interface FunnelTableProps {
  report: FunnelReport;
  selected: string | null;
  onSelect(stageKey: string): void;
}

/**
 * The funnel's numbers per stage. Each stage's name is a toggle button (Tab,
 * Enter or Space) that lists its developers below; a click anywhere on the
 * row does the same. Anonymous activity sits beside the first stage.
 */
export function FunnelTable({ report, selected, onSelect }: FunnelTableProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const stageName = useStageName();
  const anonymousKey = anonymousStageKey(report.stages);
  const none = t('common.none');
  return (
    <section className="card" aria-labelledby="funnel-table-title">
      <h2 id="funnel-table-title">{t('funnel.tableTitle')}</h2>
      <p className="hint">{t('funnel.tableHint')}</p>
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
                {t('funnel.columns.anonymous')}
              </th>
            </tr>
          </thead>
          <tbody>
            {byOrder(report.stages).map((stage) => {
              const name = stageName(stage);
              const isSelected = stage.key === selected;
              return (
                <tr
                  key={stage.key}
                  className={isSelected ? 'selected-row clickable-row' : 'clickable-row'}
                  data-stage={stage.key}
                  onClick={(event) => {
                    if (!(event.target as HTMLElement).closest('button')) onSelect(stage.key);
                  }}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={isSelected}
                      aria-label={t('funnel.listStage', { stage: name })}
                      onClick={() => onSelect(stage.key)}
                    >
                      {name}
                    </button>
                  </th>
                  <td className="num" data-col="atOrBeyond">
                    {format.count(stage.atOrBeyond)}
                  </td>
                  <td className="num" data-col="reached">
                    {format.count(stage.reached)}
                  </td>
                  <td className="num" data-col="conversion">
                    {stage.conversionFromPrevious === null ? none : format.share(stage.conversionFromPrevious)}
                  </td>
                  <td className="num" data-col="anonymous">
                    {stage.key === anonymousKey ? format.count(report.anonymous) : none}
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
