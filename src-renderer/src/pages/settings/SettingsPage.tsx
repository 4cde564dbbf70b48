import { useIsFetching, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { settingsQueries } from '../../queries/settings';
import { useRouteParam } from '../../use-hash-route';
import { ActionMap } from './ActionMap';
import { ApiKeysSection } from './ApiKeysSection';
import { BackupSection } from './BackupSection';
import { DataLocation } from './DataLocation';
import { FormsSection } from './FormsSection';
import { GeneralSettings } from './GeneralSettings';
import { LanguageSetting } from './LanguageSetting';
import { NotificationsSection } from './NotificationsSection';
import { RatesSection } from './RatesSection';
import { ShortlinkSettings } from './ShortlinkSettings';
import { TeamDatabaseSection } from './TeamDatabaseSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const query = useQuery(settingsQueries.get());
  const settings = query.data;
  // `#/settings/backups` (the Status page's link) opens the page at its Backups section once every section has
  // loaded: one above it that loads later (rates, short-link settings) would push it out of view again.
  const settled = useIsFetching() === 0;
  const param = useRouteParam();
  const scrollToBackups = param === 'backups' && !query.isPending && settled;
  return (
    <>
      <PageHeader title={t('nav.settings')} description={t('pages.settings.description')} />
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('settings.loading') : ''}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      <div className="settings-layout">
        {settings ? (
          <>
            <ActionMap settings={settings} />
            <GeneralSettings settings={settings} />
            <RatesSection />
          </>
        ) : null}
        <ShortlinkSettings />
        <ApiKeysSection />
        <FormsSection />
        <NotificationsSection />
        <LanguageSetting />
        <DataLocation />
        <TeamDatabaseSection scrollIntoView={param === 'team' && !query.isPending && settled} />
        <BackupSection scrollIntoView={scrollToBackups} />
      </div>
    </>
  );
}
