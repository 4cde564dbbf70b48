import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isMissingRecord } from '../../components/error-view';
import { MissingRecord } from '../../components/MissingRecord';
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
  const missing = query.isError && isMissingRecord(query.error);

  return (
    <>
      <p className="back-link">
        <a href={hrefFor('developers')}>← {t('profile.back')}</a>
      </p>
      {/* One heading element throughout, so focus moved to it survives the data arriving. */}
      <PageHeader title={dev ? label(dev) : missing ? t('profile.missingTitle') : t('developers.title')} />
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('profile.loading') : ''}
      </p>
      {missing ? <MissingRecord body={t('profile.missingBody')} backHref={hrefFor('developers')} backLabel={t('profile.back')} /> : null}
      {query.isError && !missing ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : null}
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
