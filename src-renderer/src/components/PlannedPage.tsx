import { useTranslation } from 'react-i18next';
import { hrefFor } from '../routes';
import { PageHeader } from './PageHeader';

type PlannedRoute = 'overview' | 'developers' | 'campaigns' | 'funnel' | 'import' | 'settings';

/**
 * A page that later work will build. It says what the page is for and where
 * its data will come from, and shows no numbers at all rather than invented ones.
 */
export function PlannedPage({ route }: { route: PlannedRoute }) {
  const { t } = useTranslation();
  const isImport = route === 'import';
  return (
    <>
      <PageHeader title={t(`nav.${route}`)} description={t(`pages.${route}.description`)} />
      <section className="empty-state" aria-labelledby="empty-state-title">
        <h2 id="empty-state-title">{isImport ? t('empty.importTitle') : t('empty.title')}</h2>
        <p>{isImport ? t('empty.importBody') : t('empty.body')}</p>
        {isImport ? null : (
          <p>
            <a className="button-link" href={hrefFor('import')}>
              {t('empty.goToImport')}
            </a>
          </p>
        )}
      </section>
    </>
  );
}
