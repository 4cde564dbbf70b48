import { EmptyState } from '../../components/EmptyState';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shortlink } from '../../../../src-shared/contract/shortlinks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/use-debounced';
import { shortlinkQueries } from '../../queries/shortlinks';
import { hrefFor } from '../../routes';
import { DeleteShortlinkDialog, UndoDeleteNotice, type DeletedShortlink } from './DeleteShortlink';
import { QrPanel } from './QrPanel';
import { RedirectExport } from './RedirectExport';
import { ShortlinkForm } from './ShortlinkForm';
import { ShortlinkTable } from './ShortlinkTable';
import { CampaignOptions } from '../../components/CampaignOptions';

/** Short links: create and edit, search and filter by campaign, copy, QR codes, delete with undo, redirect rules. */
export function ShortlinksPage() {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState<Shortlink | 'new' | null>(null);
  const [qrOf, setQrOf] = useState<Shortlink | null>(null);
  const [deleting, setDeleting] = useState<Shortlink | null>(null);
  const [deleted, setDeleted] = useState<DeletedShortlink | null>(null);
  const [q, setQ] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const query = useDebounced(q.trim(), 250);
  const list = useQuery(shortlinkQueries.list({ ...(query ? { q: query } : {}), ...(campaignId ? { campaignId } : {}) }));
  const settings = useQuery(shortlinkQueries.settings());
  const filtered = query !== '' || campaignId !== '';
  const links = list.data;

  return (
    <>
      <PageHeader title={t('nav.shortlinks')} description={t('shortlinks.description')}>
        <button type="button" onClick={() => setEditing('new')} disabled={editing !== null}>
          {t('shortlinks.new')}
        </button>
      </PageHeader>
      {settings.data && !settings.data.domain ? (
        <p className="notice">
          {t('shortlinks.noDomain')} <a href={hrefFor('settings')}>{t('shortlinks.setDomain')}</a>
        </p>
      ) : null}
      {deleted ? <UndoDeleteNotice key={deleted.undoToken} deleted={deleted} onDismiss={() => setDeleted(null)} /> : null}
      {editing !== null ? (
        <ShortlinkForm
          key={editing === 'new' ? 'new' : editing.shortlinkId}
          link={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {qrOf ? <QrPanel key={qrOf.shortlinkId} link={qrOf} onClose={() => setQrOf(null)} /> : null}
      <form className="filter-bar" role="search" aria-label={t('shortlinks.searchLabel')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('shortlinks.searchLabel')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            placeholder={t('shortlinks.searchPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-campaign`}>{t('shortlinks.campaignFilter')}</label>
          <select id={`${id}-campaign`} value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
            <CampaignOptions empty={t('shortlinks.allCampaigns')} />
          </select>
        </div>
      </form>
      <p role="status" className={list.isPending ? 'loading' : 'visually-hidden'}>
        {list.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {list.isPending ? t('shortlinks.loading') : ''}
      </p>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} /> : null}
      {links && links.length === 0 ? (
        <EmptyState
          id={`${id}-empty`}
          title={filtered ? t('shortlinks.noMatchTitle') : t('shortlinks.emptyTitle')}
          body={filtered ? t('shortlinks.noMatchBody') : t('shortlinks.emptyBody')}
        >
          {filtered ? null : (
            <div className="button-row">
              <button type="button" onClick={() => setEditing('new')}>
                {t('shortlinks.new')}
              </button>
            </div>
          )}
        </EmptyState>
      ) : null}
      {links && links.length > 0 ? <ShortlinkTable links={links} onQr={setQrOf} onEdit={setEditing} onDelete={setDeleting} /> : null}
      <RedirectExport />
      <DeleteShortlinkDialog
        link={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(d) => {
          if (qrOf?.key === d.key) setQrOf(null);
          setDeleted(d);
        }}
      />
    </>
  );
}
