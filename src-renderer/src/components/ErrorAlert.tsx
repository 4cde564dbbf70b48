import { useTranslation } from 'react-i18next';
import { errorView } from './error-view';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed call, translated by its code; the core's own message only folded away as technical detail. */
export function ErrorAlert({ error, onRetry, retrying = false }: ErrorAlertProps) {
  const { t } = useTranslation();
  const view = errorView(error);
  return (
    <div className="alert" role="alert">
      <p className="alert-title">{t('errors.title')}</p>
      <p>{t(`errors.${view.code}`)}</p>
      {view.detail !== null ? (
        <details className="alert-detail">
          <summary>{t('errors.technical')}</summary>
          <p>{view.detail}</p>
        </details>
      ) : null}
      {onRetry && view.retry ? (
        <button type="button" onClick={onRetry} disabled={retrying}>
          {retrying ? t('common.refreshing') : t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
