import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../src-shared/contract/index';
import { importMutations } from '../../queries/imports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveText } from '../../download';
import { BOM } from '../../../../src-shared/csv';
import { useImportLabels } from './labels';

type Format = ChannelOutput<'import:list-formats'>[number];

/**
 * CSVs with the columns of the app's own formats and one example row (which
 * imports as it is), saved as the core names them; beside each, the values
 * its columns take.
 */
export function TemplateDownloads({ formats }: { formats: ChannelOutput<'import:list-formats'> }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const download = useMutation({
    ...importMutations.template(),
    onSuccess: ({ fileName, content }) => {
      // With the mark, Excel opens the Japanese example rows as UTF-8; the importer accepts it.
      saveText(fileName, content.startsWith(BOM) ? content : `${BOM}${content}`);
    },
  });
  const own = formats.filter((format) => format.template);
  if (own.length === 0) return null;

  return (
    <section className="card" aria-labelledby="import-templates-title">
      <h2 id="import-templates-title">{t('imports.templates.title')}</h2>
      <p className="section-summary">{t('imports.templates.body')}</p>
      {download.isError ? <ErrorAlert error={download.error} /> : null}
      <ul className="template-list">
        {own.map((format) => (
          <li key={format.type} className="template-item">
            <button type="button" className="button-secondary" onClick={() => download.mutate(format.type)} disabled={download.isPending}>
              {t('imports.templates.download', { format: labels.typeShort(format.type) })}
            </button>
            <TemplateValues format={format} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The values of a template's columns: the only ones accepted, or the ones the app knows. */
function TemplateValues({ format }: { format: Format }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  if (format.values.length === 0) return null;
  return (
    <dl className="template-values" aria-label={t('imports.templates.valuesOf', { format: labels.typeShort(format.type) })}>
      {format.values.map(({ field, values, closed }) => (
        <div key={field} data-testid={`template-values-${format.type}-${field}`}>
          <dt>
            {labels.field(field)} <code>{field}</code>
          </dt>
          <dd>
            {values.map((value, i) => (
              <span key={value}>
                {i > 0 ? ', ' : null}
                <code>{value}</code>
              </span>
            ))}
            <span className="muted"> — {closed ? t('imports.templates.closed') : t('imports.templates.open')}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
