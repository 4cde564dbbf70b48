import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { redirectFormats } from '../../../../src-shared/contract/values';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveText } from '../../download';
import { shortlinkMutations } from '../../queries/shortlinks';

const TYPES = { netlify: 'text/plain', nginx: 'text/plain', apache: 'text/plain', csv: 'text/csv' } as const;

/** Downloads the redirect rules of every link for the host that serves the short-link domain. */
export function RedirectExport() {
  const { t } = useTranslation();
  const id = useId();
  const exported = useMutation({
    ...shortlinkMutations.exportRedirects(),
    onSuccess: (file, { format }) => saveText(file.fileName, file.content, `${TYPES[format]};charset=utf-8`),
  });
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('shortlinks.export.title')}</h2>
      <p className="hint">{t('shortlinks.export.body')}</p>
      <div className="button-row">
        {redirectFormats.map((format) => (
          <button
            key={format}
            type="button"
            className="button-secondary"
            disabled={exported.isPending}
            onClick={() => exported.mutate({ format })}
          >
            {t(`shortlinks.export.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className={exported.isSuccess ? 'hint' : 'visually-hidden'}>
        {exported.data ? t('shortlinks.export.exported', { file: exported.data.fileName, count: exported.data.count }) : ''}
      </p>
      {exported.isError ? <ErrorAlert error={exported.error} /> : null}
    </section>
  );
}
