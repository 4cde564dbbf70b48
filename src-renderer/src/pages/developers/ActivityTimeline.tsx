import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { useFormatters } from '../../format';
import { developerQueries } from '../../queries/developers';
import { useProviderLabel } from '../../components/developer-bits';
import { ACTIVITY_PAGE_SIZE } from './developer-view';
import { pageRange } from '../../lib/page-range';
import { actionIcon } from '../../lib/action-icons';
import { parseTime } from '../../lib/time';
import { actionLabel } from '../../lib/labels';

export function ActivityTimeline({ developerId }: { developerId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const providerLabel = useProviderLabel();
  const id = useId();
  const [action, setAction] = useState('');
  const [source, setSource] = useState('');
  const [page, setPage] = useState(0);
  const query = useQuery(
    developerQueries.activities({
      developerId,
      page,
      pageSize: ACTIVITY_PAGE_SIZE,
      ...(action ? { action } : {}),
      ...(source ? { source } : {}),
    }),
  );
  const data = query.data;
  const range = data ? pageRange(page, ACTIVITY_PAGE_SIZE, data.total) : null;

  return (
    <section className="profile-section" aria-labelledby={`${id}-title`} aria-busy={query.isFetching}>
      <h2 id={`${id}-title`}>{t('profile.timeline')}</h2>
      <div className="filter-bar">
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('profile.action')}</label>
          <select
            id={`${id}-action`}
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(0);
            }}
          >
            <option value="">{t('profile.anyAction')}</option>
            {data?.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('profile.source')}</label>
          <select
            id={`${id}-source`}
            value={source}
            onChange={(e) => {
              setSource(e.target.value);
              setPage(0);
            }}
          >
            <option value="">{t('profile.anySource')}</option>
            {data?.sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {query.isPending ? <p className="loading">{t('common.loading')}</p> : null}
      {data && range ? (
        data.total === 0 ? (
          <p className="muted">{t('profile.noActivities')}</p>
        ) : (
          <>
            <div className="list-toolbar">
              <p className="meta-line">{t('developers.range', { from: range.from, to: range.to, total: range.total })}</p>
              <Pager range={range} onPage={setPage} />
            </div>
            <ol className="timeline">
              {data.rows.map((a) => {
                const at = parseTime(a.occurredAt);
                return (
                  <li key={a.activityId}>
                    <time dateTime={a.occurredAt}>{at ? format.dateTime(at) : a.occurredAt}</time>
                    <span className="timeline-action" data-action={a.action}>
                      <span className="action-icon" aria-hidden="true">
                        {actionIcon(a.action)}
                      </span>
                      {actionLabel(t, a.action)}
                    </span>
                    <span className="muted">
                      {a.source}
                      {a.provider && a.provider.toLowerCase() !== a.source.toLowerCase() ? ` · ${providerLabel(a.provider)}` : ''}
                    </span>
                    {a.resourceTitle ? (
                      <span className="timeline-resource">
                        {a.resourceUrl && /^https?:\/\//.test(a.resourceUrl) ? (
                          <a href={a.resourceUrl} target="_blank" rel="noreferrer">
                            {a.resourceTitle}
                          </a>
                        ) : (
                          a.resourceTitle
                        )}
                      </span>
                    ) : null}
                    {a.campaigns.length > 0 ? (
                      <span className="timeline-campaigns">
                        {a.campaigns.map((c) => (
                          <span key={c} className="chip">
                            {c}
                          </span>
                        ))}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </>
        )
      ) : null}
    </section>
  );
}
