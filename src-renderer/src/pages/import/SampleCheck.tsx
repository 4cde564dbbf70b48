import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useDebounced } from '../../components/use-debounced';
import { useFormatters } from '../../format';
import { NO_TABLES } from '../../queries/invalidation';
import { errorReason } from './error-reason';
import { ErrorRows } from './ErrorRows';
import type { StartInput } from './start-input';

/**
 * The file's first rows through the import's own row parser, with the form's
 * format, mapping and options as they are now (issue 11, defect 1): errors
 * every row will have show before the start, translated like the job's.
 */
export function SampleCheck({ input }: { input: Omit<StartInput, 'dryRun'> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  // Once the form stops changing: the check reads the file, and typing an option would otherwise read it per key.
  const settled = useDebounced(input, 300);
  const check = useQuery({
    queryKey: ['imports', 'check-sample', settled] as const,
    queryFn: () => api.call('import:check-sample', settled),
    // The file and the form decide the answer; no table does.
    meta: { tables: NO_TABLES },
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
  const result = check.data;

  return (
    <section className="form-section sample-check" aria-labelledby="sample-check-title" aria-busy={check.isFetching}>
      <h3 id="sample-check-title">{t('imports.sampleCheck.title')}</h3>
      <div role="status" data-testid="sample-check">
        {check.isError ? <p className="hint">{t('imports.sampleCheck.failed')}</p> : null}
        {result === undefined && check.isPending ? <p className="hint">{t('imports.sampleCheck.checking')}</p> : null}
        {result && result.problems.length > 0 ? (
          <>
            <p>{t('imports.sampleCheck.problems')}</p>
            <ul>
              {result.problems.map((problem) => (
                <li key={problem.reason}>{errorReason(t, problem)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {result && result.problems.length === 0 && result.errors.length === 0 ? (
          <p>{t('imports.sampleCheck.ok', { rows: format.number(result.rowsChecked) })}</p>
        ) : null}
        {result && result.errors.length > 0 ? (
          <p>{t('imports.sampleCheck.errors', { rows: format.number(result.rowsChecked), errors: format.number(result.errors.length) })}</p>
        ) : null}
      </div>
      {result && result.errors.length > 0 ? (
        <div className="table-scroll" role="region" aria-label={t('imports.sampleCheck.errorsLabel')} tabIndex={0}>
          <ErrorRows label={t('imports.sampleCheck.errorsLabel')} errors={result.errors} />
        </div>
      ) : null}
    </section>
  );
}
