import { useTranslation } from 'react-i18next';
import type { ChartTable } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { formatCell, isNumericColumn } from './cells';

/** A chart's numbers as a plain table: the accessible equivalent of the picture. */
export function DataTable({ table, label }: { table: ChartTable; label: string }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const none = t('common.none');
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={isNumericColumn(c) ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {table.columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.key} scope="row">
                    {formatCell(c, row, format, none)}
                  </th>
                ) : (
                  <td key={c.key} className={isNumericColumn(c) ? 'num' : undefined}>
                    {formatCell(c, row, format, none)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
