import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartTable } from '../../analytics/chart-data';
import { saveBlob } from '../../download';
import { useChartTheme } from './chart-theme';
import { CsvButton } from './CsvButton';
import { DataTable } from './DataTable';
import { chartToPng, type PngLegendItem } from './export-png';

interface ChartFrameProps {
  title: string;
  /** What the chart shows, in one or two sentences: read by screen readers in place of the picture. */
  summary: string;
  /** The numbers behind the chart: the data table and the CSV. */
  table: ChartTable;
  /** File name without extension, for PNG and CSV. */
  fileStem: string;
  legend?: readonly PngLegendItem[];
  height?: number;
  /** Said instead of an empty chart (nothing to draw). */
  emptyText?: string | null;
  /** Shown beside the export buttons (a link to the full page, a switch). */
  actions?: ReactNode;
  /** Shown under the title (a note such as anonymous activity). */
  note?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/**
 * The one frame every chart sits in: a titled card whose picture is an
 * `img` with a summary for screen readers, its own legend (drawn into the
 * PNG too), the numbers as a table on demand, and PNG and CSV export made in
 * the page.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { title, summary, table, fileStem, legend = [], height = 280, emptyText, actions, note, className, testId, children } = props;
  const { t } = useTranslation();
  const theme = useChartTheme();
  const id = useId();
  const canvasRef = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const empty = Boolean(emptyText);

  const exportPng = async () => {
    const svg = canvasRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return;
    setExporting(true);
    setExportError(null);
    try {
      const fontFamily = getComputedStyle(svg).fontFamily || theme.fontFamily;
      const blob = await chartToPng(svg, { title, legend, background: theme.background, text: theme.text, fontFamily });
      saveBlob(`${fileStem}.png`, blob);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className={`card chart-frame${className ? ` ${className}` : ''}`} aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="chart-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="chart-actions">
          {actions}
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => void exportPng()}
            disabled={empty || exporting}
            aria-label={t('charts.exportPngOf', { title })}
          >
            {t('charts.png')}
          </button>
          <CsvButton table={table} fileStem={fileStem} title={title} />
        </div>
      </div>
      {note}
      {exportError ? (
        <p role="alert" className="field-error">
          {t('charts.exportFailed', { message: exportError })}
        </p>
      ) : null}
      {empty ? (
        <p className="chart-empty muted">{emptyText}</p>
      ) : (
        <div ref={canvasRef} className="chart-canvas" role="img" aria-label={summary} style={{ height }}>
          {children}
        </div>
      )}
      {legend.length > 0 && !empty ? (
        <ul className="chart-legend" aria-hidden="true">
          {legend.map((item) => (
            <li key={item.label}>
              <span className="chart-swatch" style={{ background: item.color }} />
              {item.label}
            </li>
          ))}
        </ul>
      ) : null}
      {table.rows.length > 0 ? (
        <details className="chart-data">
          <summary>{t('charts.showData')}</summary>
          <DataTable table={table} label={t('charts.dataOf', { title })} />
        </details>
      ) : null}
    </section>
  );
}
