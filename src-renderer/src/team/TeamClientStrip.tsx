/**
 * On every page, above the app's frame: which team place the app is on, so
 * nobody edits the team's data thinking it is their own (or the reverse). On
 * this computer's data, with nothing wrong, it shows nothing: the desktop of a
 * single user looks as it always did.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { teamClientQueries } from '../queries/team';
import { OpenServerButton, UseLocalDataButton } from './TeamSwitchButtons';
import { databaseLabel } from './team-client-view';

/** Settings → Team database; `#/settings/team` scrolls to it. */
export const TEAM_SETTINGS_HREF = '#/settings/team';

export function TeamClientStrip() {
  const { t } = useTranslation();
  const connection = useQuery(teamClientQueries.connection()).data;
  if (!connection) return null;
  const { current } = connection;
  if (current.kind === 'database') {
    return (
      <div className="team-client-strip" role="region" aria-label={t('teamClient.indicatorLabel')}>
        <a href={TEAM_SETTINGS_HREF} data-testid="team-database-indicator">
          {t('teamClient.indicator', { place: databaseLabel(current.url), tenant: current.tenantId })}
        </a>
      </div>
    );
  }
  if (current.kind === 'server') {
    return (
      <div className="team-client-strip team-client-warning" role="region" aria-label={t('teamClient.indicatorLabel')}>
        <span>{t('teamClient.onServer', { url: current.url })}</span>
        <OpenServerButton url={current.url} />
        {connection.available ? <UseLocalDataButton secondary /> : null}
      </div>
    );
  }
  if (connection.problem !== null) {
    return (
      <div className="team-client-strip team-client-warning" role="region" aria-label={t('teamClient.indicatorLabel')}>
        <span>{t('teamClient.problemStrip')}</span>
        <a href={TEAM_SETTINGS_HREF}>{t('teamClient.problemStripLink')}</a>
      </div>
    );
  }
  return null;
}
