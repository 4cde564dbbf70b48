import type { ReactNode } from 'react';
import { useId } from 'react';
import type { ChartTable } from '../../analytics/chart-data';
import { CsvButton } from '../../components/charts/CsvButton';
import { DataTable } from '../../components/charts/DataTable';

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
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="chart-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="chart-actions">
          <CsvButton table={table} fileStem={fileStem} title={title} />
        </div>
      </div>
      {hint}
      {table.rows.length === 0 ? <p className="muted">{empty}</p> : <DataTable table={table} label={title} />}
    </section>
  );
}
