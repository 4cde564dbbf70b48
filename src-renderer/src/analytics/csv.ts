/**
 * A chart's numbers as a CSV file for Excel: the same cells the data table
 * shows, unformatted (raw numbers, ISO days), through the app's one CSV cell
 * writer, which defuses formulas (= + - @ tab CR) and quotes what needs it.
 */
import { toCsv } from '../../../src-shared/csv';
import type { ChartTable } from './chart-data';

export function tableToCsv(table: ChartTable): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((row) => table.columns.map((c) => row[c.key] ?? '')),
  );
}

/** `Funnel: by stage` + period → `funnel-by-stage-2025-01-01-2025-02-01`: safe on every file system. */
export function exportFileStem(name: string, period?: { from: string; to: string } | null): string {
  const stem =
    name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\\/:*?"<>|\s]+/g, '-')
      .replace(/[^\p{L}\p{N}._-]+/gu, '')
      .replace(/-+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 80) || 'chart';
  return period ? `${stem}-${period.from}-${period.to}` : stem;
}
