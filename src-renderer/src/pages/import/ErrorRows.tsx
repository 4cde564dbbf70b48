import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '../../../../src-shared/contract/imports';
import { errorReason } from './error-reason';

/** Rows' problems as a table: line, column, the reason in the UI's language, the raw value. */
export function ErrorRows({ label, errors, first = 0 }: { label: string; errors: readonly ImportRowError[]; first?: number }) {
  const { t } = useTranslation();
  return (
    <table className="data-table error-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('imports.errors.line')}
          </th>
          <th scope="col">{t('imports.errors.column')}</th>
          <th scope="col">{t('imports.errors.reason')}</th>
          <th scope="col">{t('imports.errors.value')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((error, index) => (
          <tr key={`${first + index}`}>
            <td className="num">{String(error.line)}</td>
            <td>{error.column === '' ? <span className="muted">{t('imports.errors.wholeRow')}</span> : <code>{error.column}</code>}</td>
            <td>{errorReason(t, error)}</td>
            <td className="value-cell">
              <code>{error.value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
