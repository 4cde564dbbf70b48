import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../src-shared/contract/imports';
import { useFormatters } from '../../format';
import { saveText } from '../../download';
import { errorsFileName, errorsToCsv } from './error-csv';
import { errorReason } from './error-reason';
import { ErrorRows } from './ErrorRows';
import { pageOf } from './job-view';

export const ERRORS_PAGE_SIZE = 200;

/** Every problem the engine reported, a page at a time, and the same list as a CSV to fix in Excel. */
export function ErrorTable({ job }: { job: Pick<ImportJob, 'errors' | 'errorCount' | 'fileName'> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [page, setPage] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const current = pageOf(job.errors, page, ERRORS_PAGE_SIZE);
  const from = current.page * ERRORS_PAGE_SIZE;
  const size = format.number(ERRORS_PAGE_SIZE);

  const turn = (to: number) => {
    setPage(to);
    scroller.current?.scrollTo({ top: 0 });
  };

  const download = () => {
    const headers = [t('imports.errors.line'), t('imports.errors.column'), t('imports.errors.reason'), t('imports.errors.value')] as const;
    saveText(
      errorsFileName(job.fileName),
      errorsToCsv(job.errors, headers, (error) => errorReason(t, error)),
    );
  };

  return (
    <section className="error-report" aria-labelledby="import-errors-title">
      <div className="section-heading">
        <h3 id="import-errors-title">{t('imports.errors.title')}</h3>
        <button type="button" className="button-secondary" onClick={download}>
          {t('imports.errors.download')}
        </button>
      </div>
      <p className="section-summary">
        {t('imports.errors.showing', {
          from: format.number(from + 1),
          to: format.number(from + current.items.length),
          total: format.number(job.errors.length),
        })}
        {job.errorCount > job.errors.length
          ? ` ${t('imports.errors.capped', { kept: format.number(job.errors.length), total: format.number(job.errorCount) })}`
          : null}
      </p>
      <div ref={scroller} className="table-scroll table-scroll-tall" role="region" aria-label={t('imports.errors.title')} tabIndex={0}>
        <ErrorRows label={t('imports.errors.title')} errors={current.items} first={from} />
      </div>
      {current.pages > 1 ? (
        <div className="pager">
          <button type="button" className="button-secondary" onClick={() => turn(current.page - 1)} disabled={current.page === 0}>
            {t('imports.errors.previous', { size })}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => turn(current.page + 1)}
            disabled={current.page >= current.pages - 1}
          >
            {t('imports.errors.next', { size })}
          </button>
        </div>
      ) : null}
    </section>
  );
}
