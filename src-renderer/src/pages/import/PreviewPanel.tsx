import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../format';
import { useImportLabels } from './labels';
import type { ImportPreview } from './use-import-flow';

/** What the sniffer found, and the first rows decoded as the import will read them. */
export function PreviewPanel({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const labels = useImportLabels();
  const width = preview.headers.length;

  return (
    <section className="card" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">{t('imports.preview.title')}</h2>
      <dl className="facts facts-inline">
        <div>
          <dt>{t('imports.preview.file')}</dt>
          <dd data-testid="preview-file">{preview.fileName}</dd>
        </div>
        <div>
          <dt>{t('imports.preview.size')}</dt>
          <dd>{format.bytes(preview.size)}</dd>
        </div>
        <div>
          <dt>{t('imports.preview.encoding')}</dt>
          <dd data-testid="preview-encoding">
            {labels.encoding(preview.encoding)}
            <span className="kpi-hint" data-testid="preview-encoding-reason">
              {' — '}
              {t(`imports.preview.encodingReasons.${preview.encodingReason}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('imports.preview.delimiter')}</dt>
          <dd>{labels.delimiter(preview.delimiter)}</dd>
        </div>
        <div>
          <dt>{t('imports.preview.recognised')}</dt>
          <dd data-testid="preview-type">{preview.type ? labels.type(preview.type) : t('imports.preview.notRecognised')}</dd>
        </div>
      </dl>
      {preview.firstBadLine === null ? null : (
        <p className="notice" role="note" data-testid="preview-bad-line">
          {t('imports.preview.badLine', { line: preview.firstBadLine, encoding: labels.encoding(preview.encoding) })}
        </p>
      )}
      {preview.rows.length === 0 ? (
        <p className="section-summary">{t('imports.preview.noRows')}</p>
      ) : (
        <>
          <p className="section-summary">{t('imports.preview.rowsSummary', { count: preview.rows.length })}</p>
          {/* Focusable so keyboard users can scroll a wide file sideways. */}
          <div className="table-scroll table-scroll-tall" role="region" aria-label={t('imports.preview.rowsLabel')} tabIndex={0}>
            <table className="data-table preview-table" aria-label={t('imports.preview.rowsLabel')}>
              <thead>
                <tr>
                  {preview.headers.map((header) => (
                    <th key={header} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, index) => (
                  // Rows have no identity of their own: their position is what they are.
                  <tr key={index}>
                    {Array.from({ length: Math.max(width, row.length) }, (_, column) => (
                      <td key={column}>{row[column] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
