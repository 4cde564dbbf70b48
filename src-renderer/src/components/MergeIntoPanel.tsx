import { useId, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorAlert } from './ErrorAlert';

/** The words of one merge panel, from its page's translations. */
export interface MergeIntoLabels {
  title: string;
  help: string;
  find: string;
  into: string;
  choose: string;
  mergeButton: string;
  cancel: string;
  confirmTitle: string;
  confirmMerge: string;
}

/**
 * Merging one record into another of its kind (an organization, a resource):
 * find the one to keep, choose it, confirm. The page owns the search query
 * and the mutation; `onMerge` starts it and calls `settled` when it ends, so
 * the confirmation shows its progress until then.
 */
export function MergeIntoPanel<T>(props: {
  labels: MergeIntoLabels;
  q: string;
  onQ(q: string): void;
  targets: readonly T[];
  idOf(target: T): string;
  optionOf(target: T): string;
  confirmBody(into: T): ReactNode;
  busy: boolean;
  errors: readonly unknown[];
  onMerge(into: T, settled: () => void): void;
  onCancel(): void;
}) {
  const { labels, targets, idOf } = props;
  const id = useId();
  const [intoId, setIntoId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const into = targets.find((r) => idOf(r) === intoId) ?? null;

  return (
    <section className="merge-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{labels.title}</h2>
      <p>{labels.help}</p>
      <form
        className="filter-bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (into) setConfirming(true);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-q`}>{labels.find}</label>
          <input id={`${id}-q`} type="search" value={props.q} autoComplete="off" onChange={(e) => props.onQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-into`}>{labels.into}</label>
          <select id={`${id}-into`} value={into ? intoId : ''} onChange={(e) => setIntoId(e.target.value)}>
            <option value="">{labels.choose}</option>
            {targets.map((r) => (
              <option key={idOf(r)} value={idOf(r)}>
                {props.optionOf(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" disabled={!into || props.busy}>
            {labels.mergeButton}
          </button>
          <button type="button" className="button-secondary" onClick={props.onCancel}>
            {labels.cancel}
          </button>
        </div>
      </form>
      {props.errors.map((error, i) => (error ? <ErrorAlert key={i} error={error} /> : null))}
      <ConfirmDialog
        open={confirming && into !== null}
        title={labels.confirmTitle}
        confirmLabel={labels.confirmMerge}
        cancelLabel={labels.cancel}
        busy={props.busy}
        onConfirm={() => into && props.onMerge(into, () => setConfirming(false))}
        onCancel={() => setConfirming(false)}
      >
        {into ? props.confirmBody(into) : null}
      </ConfirmDialog>
    </section>
  );
}
