import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeveloperProfile, DeveloperRow } from '../../../../src-shared/contract/developers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DeveloperNameText, useDeveloperLabel } from '../../components/developer-bits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDebounced } from '../../components/use-debounced';
import { developerMutations, developerQueries } from '../../queries/developers';
import { mergeCandidates } from './profile-details';

/**
 * "Merge with…": find any other developer by name, email, handle or
 * organization and merge them into this profile, after a confirmation —
 * the pairs merge suggestions never offer. The merge history below lists it
 * with its undo; the notice here offers Undo at once.
 */
export function MergeWith({ profile }: { profile: DeveloperProfile }) {
  const { t } = useTranslation();
  const id = useId();
  const label = useDeveloperLabel();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<DeveloperRow | null>(null);
  const [merged, setMerged] = useState<{ mergeId: string; name: string; undone: boolean } | null>(null);
  const q = useDebounced(text.trim(), 250);
  const found = useQuery({ ...developerQueries.list({ q, pageSize: 9, sort: 'name' }), enabled: q !== '' });
  const merge = useMutation({
    ...developerMutations.merge<{ into: DeveloperProfile; from: DeveloperRow }>(),
    onSuccess: ({ mergeId }, pair) => {
      setPicked(null);
      setText('');
      setMerged({ mergeId, name: label(pair.from), undone: false });
    },
  });
  const unmerge = useMutation({
    ...developerMutations.unmerge(),
    onSuccess: () => setMerged((m) => m && { ...m, undone: true }),
  });
  const candidates = q === '' ? [] : mergeCandidates(found.data?.rows ?? [], profile.developerId);
  const name = label(profile);

  return (
    <section className="profile-section merge-with" aria-labelledby={`${id}-title`} data-testid="merge-with">
      <h2 id={`${id}-title`}>{t('mergeWith.title')}</h2>
      <p className="hint">{t('mergeWith.hint', { name })}</p>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('mergeWith.search')}</label>
        <input id={`${id}-q`} type="search" value={text} autoComplete="off" onChange={(e) => setText(e.target.value)} />
      </div>
      {found.isError ? <ErrorAlert error={found.error} /> : null}
      {q !== '' && found.data && candidates.length === 0 ? <p className="muted">{t('mergeWith.nobody')}</p> : null}
      {candidates.length > 0 ? (
        <ul className="merge-candidates" aria-label={t('mergeWith.results')}>
          {candidates.map((dev) => (
            <li key={dev.developerId}>
              <span>
                <DeveloperNameText dev={dev} />
                <span className="muted"> {[dev.primaryEmail, dev.organization?.name].filter(Boolean).join(' · ')}</span>
              </span>
              <button
                type="button"
                className="button-secondary button-small"
                onClick={() => setPicked(dev)}
                aria-label={t('mergeWith.pick', { from: label(dev), into: name })}
              >
                {t('mergeWith.pickShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={picked !== null}
        title={t('merges.confirmTitle')}
        confirmLabel={merge.isPending ? t('mergeWith.merging') : t('merges.confirm')}
        cancelLabel={t('merges.cancel')}
        busy={merge.isPending}
        onConfirm={() => picked && merge.mutate({ into: profile, from: picked })}
        onCancel={() => setPicked(null)}
      >
        <p>{t('merges.confirmBody', { from: picked ? label(picked) : '', into: name })}</p>
        {merge.isError ? <ErrorAlert error={merge.error} /> : null}
      </ConfirmDialog>
      <div role="status">
        {merged ? (
          <div className="notice" data-testid="merge-with-outcome">
            <p>{merged.undone ? t('merges.undone') : t('merges.merged', { from: merged.name, into: name })}</p>
            {!merged.undone ? (
              <button type="button" onClick={() => unmerge.mutate(merged.mergeId)} disabled={unmerge.isPending}>
                {unmerge.isPending ? t('merges.undoing') : t('merges.undo')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {unmerge.isError ? <ErrorAlert error={unmerge.error} /> : null}
    </section>
  );
}
