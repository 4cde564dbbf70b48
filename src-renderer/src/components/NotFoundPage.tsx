import { useTranslation } from 'react-i18next';
import { hrefFor } from '../routes';
import { PageHeader } from './PageHeader';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.notFound.title')} description={t('pages.notFound.body')} />
      <p>
        <a href={hrefFor('overview')}>{t('pages.notFound.back')}</a>
      </p>
    </>
  );
}
