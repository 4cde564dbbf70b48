import { useTranslation } from 'react-i18next';
import type { RoiReport } from '../../../../src-shared/contract/campaigns';
import { exportFileStem, tableToCsv } from '../../analytics/csv';
import type { Period } from '../../analytics/period';
import { saveText } from '../../download';
import { hrefFor } from '../../routes';
import { campaignListTable, listTotals, type CampaignListRow, type ListLabels, type SortDir, type SortKey } from './campaign-list-view';
import { RoiTableRow, RoiTotalsRow } from './RoiTableRows';
import { SortHeader } from './SortHeader';
import { useStageLabel } from '../../components/developer-bits';

interface RoiTableProps {
  report: RoiReport;
  rows: CampaignListRow[];
  sort: SortKey;
  dir: SortDir;
  onSort(column: SortKey, dir: SortDir): void;
  period: Period | null;
  busy: boolean;
}

/**
 * One row per campaign: channel, dates, plan vs spent (all time), and the
 * period's cost in the reporting currency (its currencies under it), results,
 * cost per conversion and ROI %; a total row; every header sorts. A cost that
 * needs a missing rate names it, with a link to add it, never a number.
 */
export function RoiTable({ report, rows, sort, dir, onSort, period, busy }: RoiTableProps) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const currency = report.currencyReporting;
  const labels: ListLabels = {
    campaign: t('campaigns.columns.campaign'),
    channel: t('money.list.columns.channel'),
    startDate: t('money.list.columns.startDate'),
    endDate: t('money.list.columns.endDate'),
    budgetTotal: t('money.list.columns.plan'),
    spent: t('money.list.columns.spent'),
    cost: t('money.list.columns.cost', { currency }),
    actions: t('campaigns.columns.actions'),
    conversions: t('campaigns.columns.conversions'),
    costPerConversion: t('campaigns.columns.costPerConversion'),
    roiPercent: t('campaigns.columns.roiPercent'),
    missingRates: t('money.list.columns.missingRates'),
  };
  const totals = listTotals(rows, report.valuePerConversion);
  const exportCsv = () =>
    saveText(
      `${exportFileStem(`campaigns-${report.model}-${report.lookbackDays}d`, period)}.csv`,
      tableToCsv(campaignListTable(rows, currency, labels)),
    );
  const header = (column: SortKey, label: string, numeric = false) => (
    <SortHeader column={column} label={label} sort={sort} dir={dir} onSort={onSort} numeric={numeric} />
  );

  return (
    <section className="card" aria-labelledby="roi-title" aria-busy={busy}>
      <div className="chart-head">
        <h2 id="roi-title">{t('campaigns.roiTitle')}</h2>
        <div className="chart-actions">
          <button
            type="button"
            className="button-secondary button-small"
            onClick={exportCsv}
            aria-label={t('charts.exportCsvOf', { title: t('campaigns.roiTitle') })}
          >
            {t('charts.csv')}
          </button>
        </div>
      </div>
      <p className="hint">{t('campaigns.roiHint', { stage: stageLabel(report.conversionStage) })}</p>
      <div className="table-scroll">
        <table className="data-table roi-table" aria-labelledby="roi-title" data-testid="roi-table">
          <thead>
            <tr>
              {header('campaign', labels.campaign)}
              {header('channel', labels.channel)}
              {header('startDate', t('money.list.columns.dates'))}
              {header('spent', t('money.list.columns.planVsSpent'), true)}
              {header('costReporting', labels.cost, true)}
              {header('actions', labels.actions, true)}
              {header('conversions', labels.conversions, true)}
              {header('costPerConversion', labels.costPerConversion, true)}
              {header('roiPercent', labels.roiPercent, true)}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <RoiTableRow key={row.campaignId} row={row} currency={currency} />
            ))}
          </tbody>
          <tfoot>
            <RoiTotalsRow totals={totals} currency={currency} />
          </tfoot>
        </table>
      </div>
      {report.valuePerConversion === null ? (
        <p className="hint">
          {t('campaigns.roiPercentHint')} <a href={hrefFor('settings')}>{t('campaigns.openSettings')}</a>
        </p>
      ) : null}
    </section>
  );
}
