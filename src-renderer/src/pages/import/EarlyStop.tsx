import { useTranslation } from 'react-i18next';
import type { ImportEarlyStop } from '../../../../src-shared/contract/imports';
import { useFormatters } from '../../format';
import { errorReason } from './error-reason';

/**
 * Why a rejected import stopped before the end of its file (issue 11, defect 1),
 * with each kind of problem counted over the rows read, in the UI's language.
 */
export function EarlyStop({ stop }: { stop: ImportEarlyStop }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="early-stop" data-testid="import-early-stop">
      <p className="alert-detail">
        {t('imports.result.earlyStop', {
          line: format.number(stop.line),
          rows: format.number(stop.rowsRead),
          limit: format.number(stop.limit),
        })}
      </p>
      <ul aria-label={t('imports.result.earlyStopKinds')}>
        {stop.kinds.map((kind) => (
          <li key={`${kind.code}\u0000${kind.column}`}>
            {t('imports.result.earlyStopKind', { rows: format.number(kind.rows), reason: errorReason(t, kind) })}
            {kind.column ? (
              <>
                {' '}
                <span className="muted">({t('imports.result.earlyStopColumn', { column: kind.column })})</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
