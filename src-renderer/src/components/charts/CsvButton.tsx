import { useTranslation } from 'react-i18next';
import type { ChartTable } from '../../analytics/chart-data';
import { tableToCsv } from '../../analytics/csv';
import { saveText } from '../../download';

/** Saves `table` as `<fileStem>.csv` (the same cells, unformatted); disabled while it has no rows. */
export function CsvButton({ table, fileStem, title }: { table: ChartTable; fileStem: string; title: string }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button-secondary button-small"
      onClick={() => saveText(`${fileStem}.csv`, tableToCsv(table))}
      disabled={table.rows.length === 0}
      aria-label={t('charts.exportCsvOf', { title })}
    >
      {t('charts.csv')}
    </button>
  );
}
