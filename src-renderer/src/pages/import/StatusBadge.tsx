import type { ImportStatus } from '../../../../src-shared/contract/imports';
import { useImportLabels } from './labels';

/** A job's status as a word (never colour alone). */
export function StatusBadge({ status }: { status: ImportStatus }) {
  const labels = useImportLabels();
  return (
    <>
      {' '}
      <span className={`badge badge-${status}`} data-status={status}>
        {labels.status(status)}
      </span>
    </>
  );
}
