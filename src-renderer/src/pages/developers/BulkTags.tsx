import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagAction, TagEditResult } from '../../../../src-shared/contract/developers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import { developerMutations } from '../../queries/developers';
import { bulkFilterInput, normaliseTag, type DeveloperFilterState } from './developer-view';
import { TagSuggestions } from './TagSuggestions';

interface Props {
  /** The filters the list is showing (as applied, not as typed). */
  filters: DeveloperFilterState;
  /** How many developers they list. */
  total: number;
}

type Outcome = { result: TagEditResult; undone: boolean };

/**
 * One tag added to, or removed from, everyone the filtered list holds, after
 * a confirmation that says how many; then a notice (a live region) with Undo,
 * which applies the other action to exactly the developers that changed.
 */
export function BulkTags({ filters, total }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const [text, setText] = useState('');
  const [asking, setAsking] = useState<TagAction | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const edit = useMutation({
    ...developerMutations.tagFiltered(),
    onSuccess: (result) => {
      setAsking(null);
      setOutcome({ result, undone: false });
    },
  });
  const undo = useMutation({
    ...developerMutations.tagListed(),
    onSuccess: () => setOutcome((o) => o && { ...o, undone: true }),
  });
  const tag = normaliseTag(text);
  const count = format.number(total);
  const ask = (action: TagAction) => {
    edit.reset();
    setAsking(action);
  };

  return (
    <section className="card bulk-tags" aria-labelledby={`${id}-title`} data-testid="bulk-tags">
      <h2 id={`${id}-title`}>{t('bulkTags.title')}</h2>
      <p className="hint">{t('bulkTags.hint', { count })}</p>
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-tag`}>{t('bulkTags.tagLabel')}</label>
          <input
            id={`${id}-tag`}
            type="text"
            value={text}
            maxLength={60}
            list={`${id}-tags`}
            autoComplete="off"
            aria-invalid={text.trim() !== '' && tag === null}
            aria-describedby={text.trim() !== '' && tag === null ? `${id}-invalid` : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <TagSuggestions id={`${id}-tags`} prefix={text} />
          {text.trim() !== '' && tag === null ? (
            <p id={`${id}-invalid`} className="field-error">
              {t('bulkTags.invalid')}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          <button type="button" onClick={() => ask('add')} disabled={tag === null || edit.isPending}>
            {t('bulkTags.add', { count })}
          </button>
          <button type="button" className="button-secondary" onClick={() => ask('remove')} disabled={tag === null || edit.isPending}>
            {t('bulkTags.remove', { count })}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking !== null}
        title={t(asking === 'remove' ? 'bulkTags.confirmRemoveTitle' : 'bulkTags.confirmAddTitle', { tag: tag ?? '', count })}
        confirmLabel={edit.isPending ? t('bulkTags.working') : t(asking === 'remove' ? 'bulkTags.confirmRemove' : 'bulkTags.confirmAdd')}
        cancelLabel={t('bulkTags.cancel')}
        busy={edit.isPending}
        onConfirm={() => asking && tag && edit.mutate({ filters: bulkFilterInput(filters), action: asking, tag })}
        onCancel={() => setAsking(null)}
      >
        <p>{t('bulkTags.confirmBody')}</p>
        {edit.isError ? <ErrorAlert error={edit.error} /> : null}
      </ConfirmDialog>
      <div role="status">
        {outcome ? (
          <OutcomeNotice
            outcome={outcome}
            undoing={undo.isPending}
            onUndo={() =>
              undo.mutate({
                developerIds: outcome.result.developerIds,
                action: outcome.result.action === 'add' ? 'remove' : 'add',
                tag: outcome.result.tag,
              })
            }
            onClose={() => setOutcome(null)}
          />
        ) : null}
      </div>
      {undo.isError ? <ErrorAlert error={undo.error} /> : null}
    </section>
  );
}

function OutcomeNotice({ outcome, undoing, onUndo, onClose }: { outcome: Outcome; undoing: boolean; onUndo(): void; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { result, undone } = outcome;
  const changed = result.developerIds.length;
  const message = undone
    ? t('bulkTags.undone')
    : changed === 0
      ? t('bulkTags.unchanged')
      : t(result.action === 'add' ? 'bulkTags.added' : 'bulkTags.removed', { tag: result.tag, count: format.number(changed) });
  return (
    <div className="notice" data-testid="bulk-tags-outcome">
      <p>{message}</p>
      {result.full > 0 && !undone ? <p>{t('bulkTags.full', { count: format.number(result.full) })}</p> : null}
      <div className="button-row">
        {!undone && changed > 0 ? (
          <button type="button" onClick={onUndo} disabled={undoing}>
            {undoing ? t('bulkTags.undoing') : t('bulkTags.undo')}
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('bulkTags.close')}
        </button>
      </div>
    </div>
  );
}
