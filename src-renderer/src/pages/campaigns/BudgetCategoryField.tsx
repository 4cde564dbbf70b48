import { useTranslation } from 'react-i18next';
import { categoryLabel } from '../../lib/labels';
import { budgetCategoryChoices } from './campaign-view';

interface BudgetCategoryFieldProps {
  id: string;
  value: string;
  /** Shown under the select once the form was submitted ('required' when nothing is chosen). */
  error: string | null;
  onChange(category: string): void;
}

/** The budget category as a select of the import's list, labelled in the UI language. */
export function BudgetCategoryField({ id, value, error, onChange }: BudgetCategoryFieldProps) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('campaigns.columns.category')}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {value === '' ? <option value="">{t('campaigns.budgets.chooseCategory')}</option> : null}
        {budgetCategoryChoices(value).map((c) => (
          <option key={c} value={c}>
            {categoryLabel(t, c)}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t('campaigns.budgets.categoryRequired')}
        </p>
      ) : null}
    </div>
  );
}
