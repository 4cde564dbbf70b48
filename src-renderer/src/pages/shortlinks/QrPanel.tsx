import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shortlink } from '../../../../src-shared/contract/shortlinks';
import { qrLevels, qrSizes, type QrLevel } from '../../../../src-shared/contract/values';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDebounced } from '../../components/use-debounced';
import { saveBlob, saveText } from '../../download';
import { api } from '../../api';
import { shortlinkQueries } from '../../queries/shortlinks';
import { base64Blob } from './shortlink-view';

/** The QR code of one link: preview (the SVG), size, error correction, caption, and PNG/SVG downloads made by the core. */
export function QrPanel({ link, onClose }: { link: Shortlink; onClose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [size, setSize] = useState<number>(1024);
  const [level, setLevel] = useState<QrLevel>('M');
  const [caption, setCaption] = useState('');
  const shownCaption = useDebounced(caption.trim(), 300) || null;
  const preview = useQuery(shortlinkQueries.qr({ shortlinkId: link.shortlinkId, format: 'svg', size: 512, level, caption: shownCaption }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a row's button: a keyboard or screen-reader user lands on the panel, not back in the table.
  useEffect(() => heading.current?.focus(), []);

  const download = async (format: 'png' | 'svg') => {
    setBusy(true);
    setError(null);
    try {
      const file = await api.call('shortlinks:get-qr', {
        shortlinkId: link.shortlinkId,
        format,
        size,
        level,
        caption: caption.trim() || null,
      });
      if (file.encoding === 'base64') saveBlob(file.fileName, base64Blob(file.content, file.mimeType));
      else saveText(file.fileName, file.content, file.mimeType);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card qr-panel" aria-labelledby={`${id}-title`} data-testid="qr-panel">
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('shortlinks.qrPanel.title', { key: link.key })}
      </h2>
      <div className="qr-layout">
        <div className="qr-preview">
          {preview.data ? (
            <img
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.data.content)}`}
              alt={t('shortlinks.qrPanel.previewAlt', { url: preview.data.encodes })}
              width={256}
            />
          ) : (
            <p role="status" className="loading">
              <span className="spinner" aria-hidden="true" />
              {t('shortlinks.qrPanel.making')}
            </p>
          )}
          {preview.data ? <p className="hint url-text">{t('shortlinks.qrPanel.encodes', { url: preview.data.encodes })}</p> : null}
        </div>
        <div className="qr-options">
          <div className="field">
            <label htmlFor={`${id}-size`}>{t('shortlinks.qrPanel.size')}</label>
            <select id={`${id}-size`} value={size} onChange={(e) => setSize(Number(e.target.value))}>
              {qrSizes.map((s) => (
                <option key={s} value={s}>
                  {t(`shortlinks.qrPanel.sizes.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-level`}>{t('shortlinks.qrPanel.level')}</label>
            <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as QrLevel)}>
              {qrLevels.map((l) => (
                <option key={l} value={l}>
                  {t(`shortlinks.qrPanel.levels.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-caption`}>{t('shortlinks.qrPanel.caption')}</label>
            <input
              id={`${id}-caption`}
              type="text"
              value={caption}
              maxLength={80}
              aria-describedby={`${id}-caption-hint`}
              onChange={(e) => setCaption(e.target.value)}
            />
            <p className="hint" id={`${id}-caption-hint`}>
              {t('shortlinks.qrPanel.captionHint')}
            </p>
          </div>
          <div className="button-row">
            <button type="button" onClick={() => void download('png')} disabled={busy}>
              {t('shortlinks.qrPanel.downloadPng')}
            </button>
            <button type="button" className="button-secondary" onClick={() => void download('svg')} disabled={busy}>
              {t('shortlinks.qrPanel.downloadSvg')}
            </button>
            <button type="button" className="button-secondary" onClick={onClose}>
              {t('shortlinks.qrPanel.close')}
            </button>
          </div>
        </div>
      </div>
      {preview.isError ? <ErrorAlert error={preview.error} /> : null}
      {error ? <ErrorAlert error={error} /> : null}
    </section>
  );
}
