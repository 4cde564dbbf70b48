import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../format';
import { developerQueries } from '../../queries/developers';
import { developerHref, hrefFor } from '../../routes';
import { useDeveloperLabel, useProviderLabel, StageBadge, TimeAgo } from '../../components/developer-bits';
import { parseTime } from '../../lib/time';
import { ActivityTimeline } from './ActivityTimeline';
import { MergeHistory } from './MergeHistory';
import { ProfileEditor } from './ProfileEditor';

// eslint-disable-next-line max-lines-per-function -- split in issue 10 wave B
export function ProfilePage({ developerId }: { developerId: string }) {
  const { t } = useTranslation();
  const label = useDeveloperLabel();
  const format = useFormatters();
  const providerLabel = useProviderLabel();
  const query = useQuery(developerQueries.profile(developerId));
  const dev = query.data;
  const dash = t('common.none');
  const when = (iso: string | null) => {
    const date = parseTime(iso);
    return date ? format.date(date) : dash;
  };

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
          {dev.mergedInto ? (
            <div className="notice merged-banner" role="note">
              <p>{t('profile.mergedBanner')}</p>
              <a href={developerHref(dev.mergedInto)}>{t('profile.openSurvivor')}</a>
            </div>
          ) : null}
          <dl className="facts profile-facts">
            <div>
              <dt>{t('profile.email')}</dt>
              <dd>{dev.primaryEmail ?? dash}</dd>
            </div>
            <div>
              <dt>{t('profile.organization')}</dt>
              <dd>{dev.organization?.name ?? dash}</dd>
            </div>
            <div>
              <dt>{t('profile.stage')}</dt>
              <dd>
                <StageBadge stage={dev.stage} />{' '}
                {dev.stageReachedAt ? (
                  <span className="muted">{t('profile.stageReachedAt', { time: when(dev.stageReachedAt) })}</span>
                ) : null}
              </dd>
            </div>
          </dl>
          <ProfileEditor profile={dev} />

          <section aria-labelledby="stats-title" className="profile-section">
            <h2 id="stats-title">{t('profile.stats')}</h2>
            <dl className="stat-cards">
              {(
                [
                  ['statTotal', dev.stats.totalActions],
                  ['statClicks', dev.stats.clicks],
                  ['statAttends', dev.stats.attends],
                  ['statPosts', dev.stats.posts],
                  ['statStars', dev.stats.stars],
                ] as const
              ).map(([key, value]) => (
                <div key={key} className="card stat-card">
                  <dt>{t(`profile.${key}`)}</dt>
                  <dd data-testid={`stat-${key}`}>{format.number(value)}</dd>
                </div>
              ))}
              <div className="card stat-card">
                <dt>{t('profile.statLast')}</dt>
                <dd className="stat-time">
                  <TimeAgo iso={dev.stats.lastActionAt} fallback={t('developers.noActivity')} />
                </dd>
              </div>
            </dl>
          </section>

          <section aria-labelledby="accounts-title" className="profile-section">
            <h2 id="accounts-title">{t('profile.accounts')}</h2>
            {dev.accounts.length === 0 ? (
              <p className="muted">{t('profile.noAccounts')}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table" aria-labelledby="accounts-title">
                  <thead>
                    <tr>
                      <th scope="col">{t('profile.provider')}</th>
                      <th scope="col">{t('profile.handle')}</th>
                      <th scope="col">{t('profile.accountEmail')}</th>
                      <th scope="col">{t('profile.firstSeen')}</th>
                      <th scope="col">{t('profile.lastSeen')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dev.accounts.map((a) => {
                      const handle = a.handle ?? a.externalUserId;
                      return (
                        <tr key={a.accountId}>
                          <th scope="row">{providerLabel(a.provider)}</th>
                          <td>
                            {a.profileUrl && /^https?:\/\//.test(a.profileUrl) ? (
                              <a href={a.profileUrl} target="_blank" rel="noreferrer">
                                {handle}
                                <span className="visually-hidden"> {t('profile.opensInBrowser')}</span>
                              </a>
                            ) : (
                              handle
                            )}
                          </td>
                          <td>{a.email ?? dash}</td>
                          <td>{when(a.firstSeen)}</td>
                          <td>{when(a.lastSeen)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <div className="profile-columns">
            <section aria-labelledby="identifiers-title" className="profile-section">
              <h2 id="identifiers-title">{t('profile.identifiers')}</h2>
              {dev.identifiers.length === 0 ? (
                <p className="muted">{t('profile.noIdentifiers')}</p>
              ) : (
                <table className="data-table" aria-labelledby="identifiers-title">
                  <thead>
                    <tr>
                      <th scope="col">{t('profile.identifierKind')}</th>
                      <th scope="col">{t('profile.identifierValue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dev.identifiers.map((i) => (
                      <tr key={`${i.kind}:${i.value}`}>
                        <td>{i.kind}</td>
                        <td className="value-cell">{i.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby="campaigns-title" className="profile-section">
              <h2 id="campaigns-title">{t('profile.campaigns')}</h2>
              {dev.campaigns.length === 0 ? (
                <p className="muted">{t('profile.noCampaigns')}</p>
              ) : (
                <table className="data-table" aria-labelledby="campaigns-title">
                  <thead>
                    <tr>
                      <th scope="col">{t('profile.campaign')}</th>
                      <th scope="col" className="num">
                        {t('profile.campaignActivities')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {dev.campaigns.map((c) => (
                      <tr key={c.campaignId}>
                        <td>{c.name}</td>
                        <td className="num">{format.number(c.activities)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>

          <ActivityTimeline developerId={dev.developerId} />
          <MergeHistory developerId={dev.developerId} />
        </>
      ) : null}
    </>
  );
}
