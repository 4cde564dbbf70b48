import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one time a new API key is shown: a modal with the key, a copy button
 * and the warning that it will not be shown again. Closing it forgets the key.
 */
export function NewKeyDialog({ secret, onClose }: { secret: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (secret !== null && !dialog.open) dialog.showModal();
    if (secret === null && dialog.open) dialog.close();
    setCopied(null);
  }, [secret]);

  const copy = () =>
    void (navigator.clipboard?.writeText(secret ?? '') ?? Promise.reject(new Error('no clipboard'))).then(
      () => setCopied('ok'),
      () => setCopied('failed'),
    );

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-once`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{t('apiKeys.createdTitle')}</h2>
      <p id={`${id}-once`} className="notice">
        <strong>{t('apiKeys.createdOnce')}</strong>
      </p>
      <label className="visually-hidden" htmlFor={`${id}-key`}>
        {t('apiKeys.createdTitle')}
      </label>
      <input
        id={`${id}-key`}
        data-testid="new-api-key"
        readOnly
        value={secret ?? ''}
        onFocus={(e) => e.target.select()}
        className="api-key-secret"
      />
      <p role="status" className={copied ? 'saved-note' : 'visually-hidden'}>
        {copied === 'ok' ? t('apiKeys.copied') : copied === 'failed' ? t('apiKeys.copyFailed') : ''}
      </p>
      <div className="button-row dialog-actions">
        <button type="button" onClick={copy}>
          {t('apiKeys.copy')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('apiKeys.done')}
        </button>
      </div>
    </dialog>
  );
}
