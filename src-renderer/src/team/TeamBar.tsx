import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DesktopPlace } from './DesktopPlace';
import { signOut, type TeamUser } from './team-auth';

/** Who is signed in to the team server, and the way out; in the desktop app, which server this is and the way back. */
export function TeamBar({ user }: { user: TeamUser }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const leave = async () => {
    try {
      await signOut();
      window.location.reload();
    } catch (e) {
      setError(t('team.signOutFailed', { message: (e as Error).message }));
    }
  };
  return (
    <div className="team-bar" role="region" aria-label={t('team.signedInAs', { user: user.email, tenant: user.tenantId })}>
      <DesktopPlace />
      <span data-testid="signed-in-user">{t('team.signedInAs', { user: user.displayName ?? user.email, tenant: user.tenantId })}</span>
      <button type="button" className="button-secondary button-small" onClick={() => void leave()}>
        {t('team.signOut')}
      </button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
