import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceRow } from '../../../../src-shared/contract/resources';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDebounced } from '../../components/use-debounced';
import { resourceMutations, resourceQueries } from '../../queries/resources';

/** Merging `from` into another resource: find it, choose it, confirm; `onClose` gets the notice (with the undo token). */
export function MergeResourcePanel({
  from,
  onClose,
}: {
  from: ResourceRow;
  onClose(done: { text: string; undoToken: string } | null): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [intoId, setIntoId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const name = (r: ResourceRow) => r.title ?? r.url ?? t('resources.untitled');
  // Resources of the same category first: duplicates usually share it.
  const candidates = useQuery(
    resourceQueries.list({ q: useDebounced(q, 250), category: q ? undefined : from.category, sort: 'title', page: 0, pageSize: 200 }),
  );
  const targets = (candidates.data?.rows ?? []).filter((r) => r.resourceId !== from.resourceId);
  const into = targets.find((r) => r.resourceId === intoId) ?? null;
  const merge = useMutation({
    ...resourceMutations.merge(),
    onSuccess: ({ moved, undoToken }) => {
      setConfirming(false);
      onClose({ text: t('resources.merged', { from: name(from), into: into ? name(into) : '', count: moved }), undoToken });
    },
    onError: () => setConfirming(false),
  });

  return (
    <section className="merge-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('resources.mergeTitle', { title: name(from) })}</h2>
      <p>{t('resources.mergeHelp')}</p>
      <form
        className="filter-bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (into) setConfirming(true);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('resources.searchLabel')}</label>
          <input id={`${id}-q`} type="search" value={q} autoComplete="off" onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-into`}>{t('resources.mergeInto')}</label>
          <select id={`${id}-into`} value={into ? intoId : ''} onChange={(e) => setIntoId(e.target.value)}>
            <option value="">{t('resources.chooseTarget')}</option>
            {targets.map((r) => (
              <option key={r.resourceId} value={r.resourceId}>
                {r.groupKey ? `${name(r)} (${r.groupKey})` : name(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" disabled={!into || merge.isPending}>
            {t('resources.mergeButton')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onClose(null)}>
            {t('resources.cancel')}
          </button>
        </div>
      </form>
      {candidates.isError ? <ErrorAlert error={candidates.error} /> : null}
      {merge.isError ? <ErrorAlert error={merge.error} /> : null}
      <ConfirmDialog
        open={confirming && into !== null}
        title={t('resources.confirmTitle')}
        confirmLabel={t('resources.confirmMerge')}
        cancelLabel={t('resources.cancel')}
        busy={merge.isPending}
        onConfirm={() => into && merge.mutate({ intoId: into.resourceId, fromId: from.resourceId })}
        onCancel={() => setConfirming(false)}
      >
        {into ? <p>{t('resources.confirmBody', { from: name(from), into: name(into), count: from.activities })}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
