/**
 * Inside the desktop app, a team server's pages say which server they are
 * and offer the way back to this computer's data. The desktop's preload gives
 * `window.drmDesktop` to the team server's origin only (src-preload/page-role.ts);
 * in a browser it is absent and nothing is shown, so the team server's own
 * pages look as they always did.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function DesktopPlace() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const desktop = window.drmDesktop;
  if (!desktop) return null;

  const back = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await desktop.backToThisComputer();
      // On success the desktop loads its own page in place of this one.
      if (!answer.ok) setError(t('team.backFailed', { message: answer.error.message }));
    } catch (e) {
      setError(t('team.backFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="desktop-place">
      <strong data-testid="team-server">{t('team.serverPlace', { host: window.location.host })}</strong>
      <button type="button" className="button-secondary button-small" disabled={busy} onClick={() => void back()}>
        {busy ? t('team.goingBack') : t('team.backToThisComputer')}
      </button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
