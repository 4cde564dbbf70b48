/**
 * The two ways off a team place, shared by Settings → Team database and the
 * strip on every page: back to this computer's data, and (when a team server
 * is set but this local page shows) over to that server.
 */
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ConnectAlert } from './ConnectAlert';
import { useTeamConnect, useTeamDisconnect } from './use-team-switch';

export function UseLocalDataButton({ secondary = false }: { secondary?: boolean }) {
  const { t } = useTranslation();
  const disconnect = useTeamDisconnect();
  return (
    <>
      <button
        type="button"
        className={secondary ? 'button-secondary' : undefined}
        disabled={disconnect.isPending}
        onClick={() => disconnect.mutate({})}
      >
        {t('teamClient.useLocal')}
      </button>
      <span role="status" className="hint">
        {disconnect.isPending ? t('teamClient.switchingBack') : ''}
      </span>
      {disconnect.isError ? <ConnectAlert title={t('teamClient.switchFailed')} error={disconnect.error} /> : null}
    </>
  );
}

/**
 * In a browser the page goes to the server itself. In Electron the main
 * process owns the window: connecting to the same server again makes it hand
 * the window over (it could not reach the server before, or the page was reloaded).
 */
export function OpenServerButton({ url }: { url: string }) {
  const { t } = useTranslation();
  const connect = useTeamConnect();
  const open = () => {
    if (api.transport === 'http') window.location.assign(url);
    else connect.mutate({ kind: 'server', url });
  };
  return (
    <>
      <button type="button" disabled={connect.isPending} onClick={open}>
        {t('teamClient.openServer')}
      </button>
      <span role="status" className="hint">
        {connect.isPending ? t('teamClient.opening') : ''}
      </span>
      {connect.isError ? <ConnectAlert title={t('teamClient.connectFailed')} error={connect.error} /> : null}
    </>
  );
}
