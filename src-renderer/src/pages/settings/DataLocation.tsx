import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { systemQueries } from '../../queries/system';
import { hrefFor } from '../../routes';

/** Where the database is: the embedded cluster's folder, or the external server. */
export function DataLocation() {
  const { t } = useTranslation();
  const id = useId();
  const status = useQuery(systemQueries.status());
  const location = status.data?.postgres.location;
  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.data.title')}</h2>
      {status.isError ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} retrying={status.isFetching} /> : null}
      {status.isPending ? <p className="loading">{t('common.loading')}</p> : null}
      {location ? (
        <dl className="facts">
          <div>
            <dt>{t('status.location')}</dt>
            <dd>{location.kind === 'embedded' ? t('status.embedded') : t('status.external')}</dd>
          </div>
          {location.kind === 'embedded' ? (
            <div>
              <dt>{t('status.dataDir')}</dt>
              <dd>
                <code data-testid="data-dir">{location.dataDir}</code>
              </dd>
            </div>
          ) : (
            <div>
              <dt>{t('status.url')}</dt>
              <dd>
                <code>{location.url}</code>
              </dd>
            </div>
          )}
        </dl>
      ) : null}
      <p className="hint">
        {t('settings.data.hint')} <a href={hrefFor('status')}>{t('settings.data.openStatus')}</a>
      </p>
    </section>
  );
}
