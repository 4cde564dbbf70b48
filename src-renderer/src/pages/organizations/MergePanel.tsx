import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationRow } from '../../../../src-shared/contract/organizations';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { organizationMutations, organizationQueries } from '../../queries/organizations';
import { useDebounced } from '../../components/use-debounced';
import { mergeTargets } from './organization-view';

/** Merging `from` into another organization: find it, choose it, confirm; `onClose` gets the message to announce. */
export function MergePanel({ from, onClose }: { from: OrganizationRow; onClose(message: string | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [intoId, setIntoId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const candidates = useQuery(organizationQueries.list({ q: useDebounced(q, 250), page: 0, pageSize: 200 }));
  const targets = mergeTargets(candidates.data?.rows ?? [], from.orgId);
  const into = targets.find((r) => r.orgId === intoId) ?? null;
  const merge = useMutation({
    ...organizationMutations.mergeInto<OrganizationRow>(from.orgId),
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
