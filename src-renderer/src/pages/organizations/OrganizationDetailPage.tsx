import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { defaultBucket } from '../../analytics/period';
import { exportFileStem } from '../../analytics/csv';
import { useAnalyticsToday, useHashQuery } from '../../analytics/hooks';
import { PeriodPicker } from '../../analytics/PeriodPicker';
import { periodParams, readPeriod, type PeriodState } from '../../analytics/url-state';
import { TrendChart } from '../../components/charts/TrendChart';
import { DeveloperNameText, StageBadge, ShownDate } from '../../components/developer-bits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../format';
import { developerQueries } from '../../queries/developers';
import { organizationQueries } from '../../queries/organizations';
import { developerHref, developersOfOrganizationHref, hrefFor } from '../../routes';
import { stageMixRows } from './organization-view';

const MEMBERS_SHOWN = 10;

/**
 * One organization: its facts, its members' mix of highest stages, their
 * activity over a period (the period in the address, as on the analytics
 * pages), and its most recently active members, with the whole list a link
 * away.
 */
export function OrganizationDetailPage({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const { today } = useAnalyticsToday();
  const [params, update] = useHashQuery();
  const format = useFormatters();
  const periodState = today ? readPeriod(params, today, 'thisYear') : null;
  const period = periodState?.period ?? null;
  const detail = useQuery({
    ...organizationQueries.detail({
      orgId,
      from: period?.from ?? '',
      to: period?.to ?? '',
      bucket: period ? defaultBucket(period) : 'month',
    }),
    enabled: period !== null,
  });
  const members = useQuery(developerQueries.list({ orgId, pageSize: MEMBERS_SHOWN, sort: 'lastActivity' }));
  const data = detail.data;
  const org = data?.organization;
  const mix = data ? stageMixRows(data.stageMix) : [];

  return (
    <>
      <p className="back-link">
        <a href={hrefFor('organizations')}>← {t('organizationDetail.back')}</a>
      </p>
      <PageHeader title={org?.name ?? t('organizations.title')} />
      <p role="status" className={detail.isPending ? 'loading' : 'visually-hidden'}>
        {detail.isPending ? t('organizationDetail.loading') : ''}
      </p>
      {detail.isError ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} retrying={detail.isFetching} /> : null}
      {org ? (
        <dl className="facts profile-facts">
          <div>
            <dt>{t('organizationDetail.domain')}</dt>
            <dd>{org.domain ?? t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('organizationDetail.members')}</dt>
            <dd>
              <a href={developersOfOrganizationHref(org.orgId)}>
                {t('organizationDetail.allMembers', { count: format.number(org.developers) })}
              </a>
            </dd>
          </div>
          <div>
            <dt>{t('organizationDetail.lastActivity')}</dt>
            <dd>
              <ShownDate iso={org.lastActionAt} fallback={t('developers.noActivity')} />
            </dd>
          </div>
        </dl>
      ) : null}
      {data ? <StageMix mix={mix} /> : null}
      {today && periodState ? (
        <form
          className="filter-bar analytics-controls"
          onSubmit={(e) => e.preventDefault()}
          aria-label={t('organizationDetail.periodLabel')}
        >
          <PeriodPicker state={periodState} today={today} onChange={(state: PeriodState) => update(periodParams(state))} />
        </form>
      ) : null}
      {data && period ? (
        <TrendChart
          trend={data.trend}
          title={t('organizationDetail.trendTitle')}
          fileStem={exportFileStem(`organization-activity-${data.trend.bucket}`, period)}
          testId="org-trend"
        />
      ) : null}
      <section className="card" aria-labelledby="org-members">
        <h2 id="org-members">{t('organizationDetail.recentMembers')}</h2>
        {members.isError ? <ErrorAlert error={members.error} /> : null}
        {members.data && members.data.rows.length === 0 ? <p className="muted">{t('organizationDetail.noMembers')}</p> : null}
        {members.data && members.data.rows.length > 0 ? (
          <ul className="member-list" data-testid="org-members">
            {members.data.rows.map((dev) => (
              <li key={dev.developerId}>
                <a href={developerHref(dev.developerId)}>
                  <DeveloperNameText dev={dev} />
                </a>{' '}
                <StageBadge stage={dev.stage} />{' '}
                <span className="muted">
                  <ShownDate iso={dev.lastActionAt} fallback={t('developers.noActivity')} />
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

/** Members per highest stage, with each stage's share. */
function StageMix({ mix }: { mix: ReturnType<typeof stageMixRows> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="card" aria-labelledby="org-stage-mix" data-testid="org-stage-mix">
      <h2 id="org-stage-mix">{t('organizationDetail.stageMix')}</h2>
      <p className="hint">{t('organizationDetail.stageMixHint')}</p>
      {mix.length === 0 ? (
        <p className="muted">{t('organizationDetail.noMembers')}</p>
      ) : (
        <table className="data-table" aria-labelledby="org-stage-mix">
          <thead>
            <tr>
              <th scope="col">{t('developers.columns.stage')}</th>
              <th scope="col" className="num">
                {t('organizationDetail.developers')}
              </th>
              <th scope="col" className="num">
                {t('organizationDetail.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {mix.map((row) => (
              <tr key={row.stage ?? 'none'} data-stage={row.stage ?? 'none'}>
                <th scope="row">
                  <StageBadge stage={row.stage} />
                </th>
                <td className="num">{format.number(row.developers)}</td>
                <td className="num">{format.percent(row.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
