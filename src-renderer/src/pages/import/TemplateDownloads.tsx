import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../src-shared/contract/index';
import { importMutations } from '../../queries/imports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveText } from '../../download';
import { BOM } from '../../../../src-shared/csv';
import { useImportLabels } from './labels';

/** Empty CSVs with the columns of the app's own formats, saved as the core names them. */
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
      <ul className="button-row">
        {own.map(({ type }) => (
          <li key={type}>
            <button type="button" className="button-secondary" onClick={() => download.mutate(type)} disabled={download.isPending}>
              {t('imports.templates.download', { format: labels.typeShort(type) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
