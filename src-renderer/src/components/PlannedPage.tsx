import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../routes';
import { PageHeader } from './PageHeader';

type PlannedRoute = 'overview' | 'developers' | 'campaigns' | 'funnel' | 'settings';

/**
 * A page that later work will build. It says what the page is for and where
 * its data will come from, and shows no numbers at all rather than invented ones.
 */
export function PlannedPage({ route, children }: { route: PlannedRoute; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${route}`)} description={t(`pages.${route}.description`)} />
      <section className="empty-state" aria-labelledby="empty-state-title">
        <h2 id="empty-state-title">{t('empty.title')}</h2>
        <p>{t('empty.body')}</p>
        <p>
          <a className="button-link" href={hrefFor('import')}>
            {t('empty.goToImport')}
          </a>
        </p>
      </section>
      {children}
    </>
  );
}
