import { useTranslation } from 'react-i18next';
import { isApiCallError } from '../api';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed call, translated by its code, with the core's own message as detail. */
export function ErrorAlert({ error, onRetry, retrying = false }: ErrorAlertProps) {
  const { t } = useTranslation();
  const code = isApiCallError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  // A wrong token is fixed by opening the printed URL, not by asking again,
  // and the translated summary already says everything the raw message does.
  const unauthorised = code === 'UNAUTHORIZED';
  return (
    <div className="alert" role="alert">
      <p className="alert-title">{t('errors.title')}</p>
      <p>{t(`errors.${code}`)}</p>
      {unauthorised ? null : <p className="alert-detail">{t('errors.detail', { message })}</p>}
      {onRetry && !unauthorised ? (
        <button type="button" onClick={onRetry} disabled={retrying}>
          {retrying ? t('common.refreshing') : t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
