import { useTranslation } from 'react-i18next';
import { developerHref } from '../../routes';
import type { MergeOutcome } from './merge-view';

interface Props {
  outcome: MergeOutcome;
  onUndo(mergeId: string): void;
  onClose(): void;
}

/** "Merged A into B" with Undo and a link to the survivor; "Undone" after an undo. A live region, so it is announced. */
export function MergeOutcomeNotice({ outcome, onUndo, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <div role="status" className="merge-outcome-region">
      {outcome.state !== 'none' ? (
        <div className="notice merge-outcome" data-testid="merge-outcome">
          <p>{outcome.state === 'undone' ? t('merges.undone') : t('merges.merged', { from: outcome.fromName, into: outcome.intoName })}</p>
          <div className="button-row">
            {outcome.state !== 'undone' ? (
              <button type="button" onClick={() => onUndo(outcome.mergeId)} disabled={outcome.state === 'undoing'}>
                {outcome.state === 'undoing' ? t('merges.undoing') : t('merges.undo')}
              </button>
            ) : null}
            {outcome.state === 'merged' ? (
              <a className="button-link button-secondary" href={developerHref(outcome.intoId)}>
                {t('merges.openProfile')}
              </a>
            ) : null}
            <button type="button" className="button-secondary" onClick={onClose}>
              {t('merges.close')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
