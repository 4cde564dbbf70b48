import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { developerQueries } from '../../queries/developers';
import { hrefFor } from '../../routes';
import { useDeveloperLabel } from '../../components/developer-bits';
import { ActivityTimeline } from './ActivityTimeline';
import { MergeHistory } from './MergeHistory';
import { MergeWith } from './MergeWith';
import { ProfileDetails } from './ProfileDetails';
import { ProfileEditor } from './ProfileEditor';
import { ProfileFacts, ProfileStats } from './ProfileFacts';
import { ProfileAccounts, ProfileIdentifiersAndCampaigns } from './ProfileTables';

export function ProfilePage({ developerId }: { developerId: string }) {
  const { t } = useTranslation();
  const label = useDeveloperLabel();
  const query = useQuery(developerQueries.profile(developerId));
  const dev = query.data;

  return (
    <>
      <p className="back-link">
        <a href={hrefFor('developers')}>← {t('profile.back')}</a>
      </p>
      {/* One heading element throughout, so focus moved to it survives the data arriving. */}
      <PageHeader title={dev ? label(dev) : t('developers.title')} />
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('profile.loading') : ''}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {dev ? (
        <>
          <ProfileFacts dev={dev} />
          <ProfileDetails profile={dev} />
          <ProfileEditor profile={dev} />
          <ProfileStats stats={dev.stats} />
          <ProfileAccounts accounts={dev.accounts} />
          <ProfileIdentifiersAndCampaigns dev={dev} />
          <ActivityTimeline developerId={dev.developerId} />
          {dev.mergedInto ? null : <MergeWith profile={dev} />}
          <MergeHistory developerId={dev.developerId} />
        </>
      ) : null}
    </>
  );
}
