import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartTable } from '../../analytics/chart-data';
import { tableToCsv } from '../../analytics/csv';
import { DataTable } from '../../components/charts/DataTable';
import { saveText } from '../../download';

/** A titled table with its CSV export (the same cells, unformatted); `empty` is said instead of an empty table. */
export function TableCard({
  title,
  table,
  fileStem,
  empty,
  hint,
  testId,
}: {
  title: string;
  table: ChartTable;
  fileStem: string;
  empty: string;
  hint?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="chart-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="chart-actions">
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => saveText(`${fileStem}.csv`, tableToCsv(table))}
            disabled={table.rows.length === 0}
            aria-label={t('charts.exportCsvOf', { title })}
          >
            {t('charts.csv')}
          </button>
        </div>
      </div>
      {hint}
      {table.rows.length === 0 ? <p className="muted">{empty}</p> : <DataTable table={table} label={title} />}
    </section>
  );
}
