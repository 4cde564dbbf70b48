/**
 * Settings → Team database (issue 14 §2): connect the app to the team's
 * shared data, see which it is on, and come back to this computer's data,
 * which is kept as it was. `#/settings/team` (the strip on every page) opens
 * the page here.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamConnection } from '../../../../src-shared/contract/team';
import { ErrorAlert } from '../../components/ErrorAlert';
import { teamClientQueries } from '../../queries/team';
import { OpenServerButton, UseLocalDataButton } from '../../team/TeamSwitchButtons';
import { dataOf } from '../../team/team-client-view';
import { TeamConnectForm } from './TeamConnectForm';

export function TeamDatabaseSection({ scrollIntoView = false }: { scrollIntoView?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const query = useQuery(teamClientQueries.connection());
  const ref = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const scrolled = useRef(false);
  useEffect(() => {
    if (!scrollIntoView || !query.data || scrolled.current) return;
    scrolled.current = true;
    ref.current?.scrollIntoView({ block: 'start' });
  }, [scrollIntoView, query.data]);
  // A switch replaces the form or the button that had focus: keyboard and screen-reader users land on the title.
  const place = query.data ? dataOf(query.data.current) + query.data.current.kind : null;
  const shown = useRef(place);
  useEffect(() => {
    if (shown.current !== null && place !== shown.current && document.activeElement === document.body) heading.current?.focus();
    shown.current = place;
  }, [place]);

  return (
    <section ref={ref} className="card settings-section" id="team" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('teamClient.title')}
      </h2>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {query.isPending ? <p className="loading">{t('common.loading')}</p> : null}
      {query.data ? <TeamPlaceView connection={query.data} /> : null}
    </section>
  );
}

function TeamPlaceView({ connection }: { connection: TeamConnection }) {
  const { t } = useTranslation();
  const urlInput = useRef<HTMLInputElement>(null);
  const { current, available, problem, notices } = connection;
  return (
    <>
      {current.kind === 'database' ? (
        <>
          <p className="hint">{t('teamClient.onDatabase')}</p>
          <dl className="facts">
            <div>
              <dt>{t('teamClient.database')}</dt>
              <dd>
                <code data-testid="team-database-url">{current.url}</code>
              </dd>
            </div>
            <div>
              <dt>{t('teamClient.workspace')}</dt>
              <dd>
                <code>{current.tenantId}</code>
              </dd>
            </div>
          </dl>
        </>
      ) : null}
      {current.kind === 'server' ? <p>{t('teamClient.onServer', { url: current.url })}</p> : null}
      {notices.length > 0 ? (
        <div className="team-notices">
          <h3>{t('teamClient.notices')}</h3>
          <ul>
            {notices.map((notice) => (
              <li key={notice} className="team-notice">
                {notice}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!available ? (
        <p className="hint">{t('teamClient.unavailable')}</p>
      ) : current.kind === 'local' ? (
        <>
          {problem !== null ? (
            <div className="alert" role="alert">
              <p className="alert-title">{t('teamClient.problemTitle')}</p>
              <p>{t('teamClient.problemBody')}</p>
              <p className="alert-detail">{problem}</p>
              <p>{t('teamClient.problemRetryHint')}</p>
              <div className="button-row">
                <button type="button" onClick={() => urlInput.current?.focus()}>
                  {t('common.retry')}
                </button>
                <UseLocalDataButton secondary />
              </div>
            </div>
          ) : (
            <p className="hint">{t('teamClient.lead')}</p>
          )}
          <TeamConnectForm urlInputRef={urlInput} />
        </>
      ) : (
        <div className="button-row">
          {current.kind === 'server' ? <OpenServerButton url={current.url} /> : null}
          <UseLocalDataButton />
        </div>
      )}
    </>
  );
}
