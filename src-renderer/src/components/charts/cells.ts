import type { AnalyticsFormat } from '../../analytics/format';
import type { Cell, TableColumn } from '../../analytics/chart-data';

/** One cell of a chart's data table as the user reads it; a missing value is a dash. */
export function formatCell(column: TableColumn, row: Record<string, Cell>, format: AnalyticsFormat, none = '—'): string {
  const value = row[column.key];
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string') return column.kind === 'day' ? format.day(value) : value;
  switch (column.kind) {
    case 'count':
      return format.count(value);
    case 'weight':
      return format.weight(value);
    case 'share':
      return format.share(value);
    case 'percentValue':
      return format.percentValue(value);
    case 'ratio':
      return format.ratio(value);
    case 'money': {
      const currency = column.currencyKey ? row[column.currencyKey] : null;
      return typeof currency === 'string' ? format.money(value, currency) : format.weight(value);
    }
    default:
      return String(value);
  }
}

export function isNumericColumn(column: TableColumn): boolean {
  return column.kind !== 'text' && column.kind !== 'day';
}
