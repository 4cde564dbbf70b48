import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryLabel } from '../../lib/labels';
import { BudgetCategoryField } from './BudgetCategoryField';
import type { Budget } from '../../../../src-shared/contract/campaigns';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshAnalytics } from '../../queries/analytics';
import { budgetMutations } from '../../queries/campaigns';
import { hrefFor } from '../../routes';
import { budgetDraft, budgetErrors, budgetFields, budgetRestoreInput, fieldMessage, type BudgetDraft } from './campaign-view';
import { hasErrors } from '../../lib/form-values';

interface BudgetSectionProps {
  campaignId: string;
  budgets: Budget[];
  today: string;
}

/** A campaign's budget entries: add, edit, delete (with undo); the budgets CSV import is on the Import page. */
/** How a budget entry is named in notices and button labels: its category's label and its day. */
function budgetEntry(t: Parameters<typeof categoryLabel>[0], format: { day(day: string): string }, b: Budget) {
  return { category: categoryLabel(t, b.category), day: format.day(b.spentAt.slice(0, 10)) };
}

export function BudgetSection({ campaignId, budgets, today }: BudgetSectionProps) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Budget | 'new' | null>(null);
  const [deleted, setDeleted] = useState<Budget | null>(null);
  const remove = useMutation({
    ...budgetMutations.delete<Budget>(),
    onSuccess: (b) => {
      setDeleted(b);
      refreshAnalytics(client);
    },
  });
  const undo = useMutation({
    ...budgetMutations.create(),
    onSuccess: () => {
      setDeleted(null);
      refreshAnalytics(client);
    },
  });
  const rows = [...budgets].sort((a, b) => b.spentAt.localeCompare(a.spentAt) || a.category.localeCompare(b.category));
  const lastCurrency = rows[0]?.currency ?? 'JPY';
  const none = <span className="muted">{t('common.none')}</span>;

  return (
    <section className="card budget-section" aria-labelledby="budgets-title" data-testid="budgets">
      <div className="chart-head">
        <h2 id="budgets-title">{t('campaigns.budgets.title')}</h2>
        <div className="chart-actions">
          <button type="button" className="button-small" onClick={() => setEditing('new')} disabled={editing === 'new'}>
            {t('campaigns.budgets.add')}
          </button>
          <a className="chart-link" href={hrefFor('import')}>
            {t('campaigns.budgets.importCsv')}
          </a>
        </div>
      </div>
      {deleted ? (
        <div className="notice undo-notice" role="status">
          <p>
            {t('campaigns.budgets.deleted', { ...budgetEntry(t, format, deleted), amount: format.money(deleted.amount, deleted.currency) })}{' '}
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => undo.mutate(budgetRestoreInput(deleted))}
              disabled={undo.isPending}
            >
              {t('campaigns.delete.undo')}
            </button>
          </p>
        </div>
      ) : null}
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      {undo.isError ? <ErrorAlert error={undo.error} /> : null}
      {editing ? (
        <BudgetForm
          key={editing === 'new' ? 'new' : editing.budgetId}
          campaignId={campaignId}
          budget={editing === 'new' ? null : editing}
          today={today}
          currency={lastCurrency}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{t('campaigns.budgets.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="budgets-title">
            <thead>
              <tr>
                <th scope="col">{t('campaigns.columns.spentAt')}</th>
                <th scope="col">{t('campaigns.columns.category')}</th>
                <th scope="col" className="num">
                  {t('campaigns.columns.amount')}
                </th>
                <th scope="col">{t('campaigns.columns.memo')}</th>
                <th scope="col">{t('campaigns.columns.source')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('campaigns.columns.manage')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.budgetId}>
                  <th scope="row">{format.day(b.spentAt.slice(0, 10))}</th>
                  <td>{categoryLabel(t, b.category)}</td>
                  <td className="num">{format.money(b.amount, b.currency)}</td>
                  <td>{b.memo ?? none}</td>
                  <td>{b.source ?? none}</td>
                  <td>
                    <div className="button-row">
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={t('campaigns.budgets.editOf', budgetEntry(t, format, b))}
                        onClick={() => setEditing(b)}
                      >
                        {t('campaigns.edit')}
                      </button>
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={t('campaigns.budgets.deleteOf', budgetEntry(t, format, b))}
                        onClick={() => remove.mutate(b)}
                        disabled={remove.isPending}
                      >
                        {t('campaigns.deleteButton')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface BudgetFormProps {
  campaignId: string;
  budget: Budget | null;
  today: string;
  currency: string;
  onDone(): void;
}

function BudgetForm({ campaignId, budget, today, currency, onDone }: BudgetFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<BudgetDraft>(() => budgetDraft(budget, today, currency));
  const [submitted, setSubmitted] = useState(false);
  const errors = budgetErrors(draft);
  const save = useMutation({
    ...budgetMutations.save(campaignId, budget?.budgetId ?? null),
    onSuccess: () => {
      refreshAnalytics(client);
      onDone();
    },
  });
  const input = (
    name: keyof BudgetDraft,
    label: string,
    type: 'text' | 'date',
    extra: { inputMode?: 'decimal'; maxLength?: number; className?: string } = {},
  ) => {
    const error = submitted ? errors[name] : undefined;
    return (
      <div className={`field${extra.className ? ` ${extra.className}` : ''}`}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          type={type}
          value={draft[name]}
          inputMode={extra.inputMode}
          maxLength={extra.maxLength}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${name}-error` : undefined}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        />
        {error ? (
          <p className="field-error" id={`${id}-${name}-error`}>
            {t(`campaigns.form.errors.${fieldMessage(name, error).key}`, { max: fieldMessage(name, error).max })}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form
      className="budget-form"
      aria-label={budget ? t('campaigns.budgets.editTitle') : t('campaigns.budgets.addTitle')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (!hasErrors(errors)) save.mutate(budgetFields(draft));
      }}
    >
      <div className="form-grid">
        {input('spentAt', t('campaigns.columns.spentAt'), 'date')}
        <BudgetCategoryField
          id={`${id}-category`}
          value={draft.category}
          error={submitted && errors.category ? errors.category : null}
          onChange={(category) => setDraft({ ...draft, category })}
        />
        {input('amount', t('campaigns.columns.amount'), 'text', { inputMode: 'decimal' })}
        {input('currency', t('campaigns.columns.currency'), 'text', { maxLength: 3, className: 'field-narrow' })}
        {input('memo', t('campaigns.columns.memo'), 'text')}
      </div>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <div className="button-row form-actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('campaigns.form.saving') : budget ? t('campaigns.form.save') : t('campaigns.budgets.add')}
        </button>
        <button type="button" className="button-secondary" onClick={onDone} disabled={save.isPending}>
          {t('campaigns.cancel')}
        </button>
      </div>
    </form>
  );
}
