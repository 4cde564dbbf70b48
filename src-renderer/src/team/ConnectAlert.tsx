import { useTranslation } from 'react-i18next';
import { isApiCallError } from '../api-error';
import { ErrorAlert } from '../components/ErrorAlert';

/**
 * A refused switch. Unlike most errors, the core's own message is the answer
 * here ("password authentication failed for user …", "connection refused"),
 * so it shows in full, not folded away; what the app did about it follows.
 */
export function ConnectAlert({ title, error }: { title: string; error: unknown }) {
  const { t } = useTranslation();
  if (!isApiCallError(error) || (error.code !== 'UNAVAILABLE' && error.code !== 'CONFLICT')) return <ErrorAlert error={error} />;
  return (
    <div className="alert" role="alert">
      <p className="alert-title">{title}</p>
      <p className="alert-detail" data-testid="team-connect-error">
        {error.message}
      </p>
      <p>{error.code === 'CONFLICT' ? t('teamClient.busy') : t('teamClient.stayed')}</p>
    </div>
  );
}
