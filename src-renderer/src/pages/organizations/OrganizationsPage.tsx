import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationRow } from '../../../../src-shared/contract/organizations';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Pager } from '../../components/Pager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../format';
import { organizationQueries } from '../../queries/organizations';
import { developersOfOrganizationHref, hrefFor } from '../../routes';
import { pageRange } from '../../lib/page-range';
import { useDebounced } from '../../components/use-debounced';
import { mergeTargets, ORG_NAME_MAX, ORG_PAGE_SIZE, renameError } from './organization-view';

// eslint-disable-next-line max-lines-per-function -- split in issue 10 wave B
export function OrganizationsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [merging, setMerging] = useState<OrganizationRow | null>(null);
  const [notice, setNotice] = useState('');
  const query = useQuery(organizationQueries.list({ q: useDebounced(q, 250), page, pageSize: ORG_PAGE_SIZE }));

  const data = query.data;
  const range = data ? pageRange(page, ORG_PAGE_SIZE, data.total) : null;
  const dash = <span className="muted">{t('common.none')}</span>;

  return (
    <>
      <PageHeader title={t('organizations.title')} description={t('organizations.description')} />
      <form className="filter-bar" role="search" aria-label={t('organizations.searchLabel')} onSubmit={(e) => e.preventDefault()}>
        <div className="field filter-search">
          <label htmlFor={`${id}-q`}>{t('organizations.searchLabel')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            placeholder={t('organizations.searchPlaceholder')}
            autoComplete="off"
            onChange={(e) => {
              setQ(e.target.value);
              setPage(0);
            }}
          />
        </div>
      </form>
      <p role="status" className={query.isPending ? 'loading' : notice ? '' : 'visually-hidden'}>
        {query.isPending ? t('organizations.loading') : notice}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {data && range ? (
        data.total === 0 ? (
          <section className="empty-state" aria-labelledby={`${id}-empty`}>
            <h2 id={`${id}-empty`}>{q.trim() ? t('organizations.noMatchTitle') : t('organizations.emptyTitle')}</h2>
            <p>{q.trim() ? t('organizations.noMatchBody') : t('organizations.emptyBody')}</p>
            {q.trim() ? null : (
              <p>
                <a className="button-link" href={hrefFor('import')}>
                  {t('developers.goToImport')}
                </a>
              </p>
            )}
          </section>
        ) : (
          <section aria-labelledby={`${id}-list`} aria-busy={query.isFetching}>
            <div className="list-toolbar">
              <h2 id={`${id}-list`} className="visually-hidden">
                {t('organizations.listLabel')}
              </h2>
              <p className="meta-line" data-testid="organization-range">
                {t('developers.range', { from: range.from, to: range.to, total: range.total })}
              </p>
              <Pager range={range} onPage={setPage} />
            </div>
            <table className="data-table" aria-labelledby={`${id}-list`}>
              <thead>
                <tr>
                  <th scope="col">{t('organizations.columns.name')}</th>
                  <th scope="col">{t('organizations.columns.domain')}</th>
                  <th scope="col" className="num">
                    {t('organizations.columns.developers')}
                  </th>
                  <th scope="col">{t('organizations.columns.lastActivity')}</th>
                  <th scope="col">{t('organizations.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.orgId}>
                    <th scope="row">
                      {renaming === row.orgId ? (
                        <RenameForm
                          row={row}
                          onDone={(name) => {
                            setRenaming(null);
                            if (name) setNotice(t('organizations.renamed', { name }));
                          }}
                        />
                      ) : (
                        row.name
                      )}
                    </th>
                    <td>{row.domain ?? dash}</td>
                    <td className="num">
                      {row.developers > 0 ? (
                        <a
                          href={developersOfOrganizationHref(row.orgId)}
                          aria-label={t('organizations.showDevelopers', { count: row.developers, name: row.name })}
                        >
                          {format.number(row.developers)}
                        </a>
                      ) : (
                        format.number(row.developers)
                      )}
                    </td>
                    <td>{row.lastActionAt ? format.dateTime(new Date(row.lastActionAt)) : dash}</td>
                    <td>
                      <div className="button-row">
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={t('organizations.renameOf', { name: row.name })}
                          onClick={() => setRenaming(row.orgId)}
                          disabled={renaming === row.orgId}
                        >
                          {t('organizations.rename')}
                        </button>
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={t('organizations.mergeOf', { name: row.name })}
                          onClick={() => setMerging(row)}
                        >
                          {t('organizations.merge')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )
      ) : null}
      {merging ? (
        <MergePanel
          key={merging.orgId}
          from={merging}
          onClose={(message) => {
            setMerging(null);
            if (message) setNotice(message);
          }}
        />
      ) : null}
    </>
  );
}

function RenameForm({ row, onDone }: { row: OrganizationRow; onDone(name: string | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(row.name);
  const [touched, setTouched] = useState(false);
  const rename = useMutation({
    mutationFn: (name: string) => api.call('organizations:rename', { orgId: row.orgId, name }),
    onSuccess: (value) => onDone(value.name),
  });
  const error = renameError(draft, row.name);
  const shown = touched && error && error !== 'unchanged' ? error : null;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (error === 'unchanged') onDone(null);
        else if (!error) rename.mutate(draft.trim());
      }}
    >
      <label htmlFor={`${id}-name`} className="visually-hidden">
        {t('organizations.newName')}
      </label>
      <input
        id={`${id}-name`}
        type="text"
        value={draft}
        maxLength={ORG_NAME_MAX + 50}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
        autoFocus
        onChange={(e) => {
          setDraft(e.target.value);
          setTouched(true);
        }}
      />
      <button type="submit" disabled={rename.isPending}>
        {t('organizations.save')}
      </button>
      <button type="button" className="button-secondary" onClick={() => onDone(null)} disabled={rename.isPending}>
        {t('organizations.cancel')}
      </button>
      {shown ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {t(`organizations.renameErrors.${shown}`)}
        </p>
      ) : null}
      {rename.isError ? <ErrorAlert error={rename.error} /> : null}
    </form>
  );
}

function MergePanel({ from, onClose }: { from: OrganizationRow; onClose(message: string | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [intoId, setIntoId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const candidates = useQuery(organizationQueries.list({ q: useDebounced(q, 250), page: 0, pageSize: 200 }));
  const targets = mergeTargets(candidates.data?.rows ?? [], from.orgId);
  const into = targets.find((r) => r.orgId === intoId) ?? null;
  const merge = useMutation({
    mutationFn: (target: OrganizationRow) => api.call('organizations:merge', { intoId: target.orgId, fromId: from.orgId }),
    onSuccess: ({ moved }, target) => {
      setConfirming(false);
      onClose(t('organizations.merged', { from: from.name, into: target.name, count: moved }));
    },
    onError: () => setConfirming(false),
  });

  return (
    <section className="merge-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('organizations.mergeTitle', { name: from.name })}</h2>
      <p>{t('organizations.mergeHelp')}</p>
      <form
        className="filter-bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (into) setConfirming(true);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('organizations.findTarget')}</label>
          <input id={`${id}-q`} type="search" value={q} autoComplete="off" onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-into`}>{t('organizations.mergeInto')}</label>
          <select id={`${id}-into`} value={into ? intoId : ''} onChange={(e) => setIntoId(e.target.value)}>
            <option value="">{t('organizations.chooseTarget')}</option>
            {targets.map((r) => (
              <option key={r.orgId} value={r.orgId}>
                {r.domain ? `${r.name} (${r.domain})` : r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" disabled={!into || merge.isPending}>
            {t('organizations.mergeButton')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onClose(null)}>
            {t('organizations.cancel')}
          </button>
        </div>
      </form>
      {candidates.isError ? <ErrorAlert error={candidates.error} /> : null}
      {merge.isError ? <ErrorAlert error={merge.error} /> : null}
      <ConfirmDialog
        open={confirming && into !== null}
        title={t('organizations.confirmTitle')}
        confirmLabel={t('organizations.confirmMerge')}
        cancelLabel={t('organizations.cancel')}
        busy={merge.isPending}
        onConfirm={() => into && merge.mutate(into)}
        onCancel={() => setConfirming(false)}
      >
        {into ? <p>{t('organizations.confirmBody', { from: from.name, into: into.name, count: from.developers })}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
