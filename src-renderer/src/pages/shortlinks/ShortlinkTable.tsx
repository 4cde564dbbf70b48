import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shortlink } from '../../../../src-shared/contract/shortlinks';

interface ShortlinkTableProps {
  links: Shortlink[];
  onQr(link: Shortlink): void;
  onEdit(link: Shortlink): void;
  onDelete(link: Shortlink): void;
}

/** The links, each with copy buttons for its short and final URL, its QR code, edit and delete. */
export function ShortlinkTable({ links, onQr, onEdit, onDelete }: ShortlinkTableProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<{ ok: boolean; url: string } | null>(null);
  const copy = (url: string) =>
    void (navigator.clipboard?.writeText(url) ?? Promise.reject(new Error('no clipboard'))).then(
      () => setCopied({ ok: true, url }),
      () => setCopied({ ok: false, url }),
    );
  return (
    <>
      <p role="status" className={copied ? 'notice' : 'visually-hidden'}>
        {copied ? (copied.ok ? t('shortlinks.copied', { url: copied.url }) : t('shortlinks.copyFailed')) : ''}
      </p>
      <div className="table-scroll">
        <table className="data-table shortlink-table" aria-label={t('shortlinks.listLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('shortlinks.columns.key')}</th>
              <th scope="col">{t('shortlinks.columns.shortUrl')}</th>
              <th scope="col">{t('shortlinks.columns.finalUrl')}</th>
              <th scope="col">{t('shortlinks.columns.campaign')}</th>
              <th scope="col">{t('shortlinks.columns.resource')}</th>
              <th scope="col">{t('shortlinks.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.shortlinkId}>
                <th scope="row">
                  <code>{link.key}</code>
                </th>
                <td className="url-text">
                  {link.shortUrl ? (
                    <>
                      <span>{link.shortUrl}</span>{' '}
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={t('shortlinks.copyShortOf', { key: link.key })}
                        onClick={() => copy(link.shortUrl!)}
                      >
                        {t('shortlinks.copyShort')}
                      </button>
                    </>
                  ) : (
                    t('common.none')
                  )}
                </td>
                <td className="url-text">
                  <span>{link.finalUrl}</span>{' '}
                  <button
                    type="button"
                    className="button-secondary button-small"
                    aria-label={t('shortlinks.copyFinalOf', { key: link.key })}
                    onClick={() => copy(link.finalUrl)}
                  >
                    {t('shortlinks.copyFinal')}
                  </button>
                </td>
                <td>{link.campaignName ?? t('common.none')}</td>
                <td>{link.resourceTitle ?? t('common.none')}</td>
                <td>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button-small"
                      aria-label={t('shortlinks.qrOf', { key: link.key })}
                      onClick={() => onQr(link)}
                    >
                      {t('shortlinks.qr')}
                    </button>
                    <button
                      type="button"
                      className="button-secondary button-small"
                      aria-label={t('shortlinks.editOf', { key: link.key })}
                      onClick={() => onEdit(link)}
                    >
                      {t('shortlinks.edit')}
                    </button>
                    <button
                      type="button"
                      className="button-secondary button-small"
                      aria-label={t('shortlinks.deleteOf', { key: link.key })}
                      onClick={() => onDelete(link)}
                    >
                      {t('shortlinks.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
