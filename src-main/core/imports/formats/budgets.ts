/** The app's budgets template (issue 3): one spending line per row, in a campaign (created when new). */
import { budgetCategories, budgetCategoryOf } from '../../../../src-shared/budget-categories';
import { resolveBudgets } from '../load/entity-resolve';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { parseAmount, parseDate } from '../parse/values';
import type { RowOutcome } from '../types';
import { defineFormat, field } from './format';

export function budgetRow(r: RowReader): RowOutcome {
  const campaign = r.require('campaign');
  const writtenCategory = r.get('category');
  const category = writtenCategory === undefined ? 'other' : budgetCategoryOf(writtenCategory);
  if (category === undefined) r.failField('category', 'one-of', { field: 'category', allowed: budgetCategories.join(', ') });
  const amount = r.parse('amount', parseAmount, true);
  const writtenCurrency = r.get('currency');
  let currency = amount?.currency ?? 'JPY';
  if (writtenCurrency !== undefined) {
    currency = writtenCurrency.normalize('NFKC').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) r.failField('currency', 'currency');
    // Amounts of two currencies are never added, so a row must not mix them.
    else if (amount?.currency !== undefined && amount.currency !== currency) {
      r.failField('currency', 'currency-contradicts', { currency, amountCurrency: amount.currency });
    }
  }
  const spentAt = r.parse('spent_at', parseDate, true);
  if (r.failed || campaign === undefined || category === undefined || amount === undefined || spentAt === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'budget' as const,
      line: r.line,
      campaign,
      category,
      amount: amount.value,
      currency,
      spentAt,
      memo: r.get('memo'),
      source: r.get('source'),
    }),
  );
}

export const budgets = defineFormat({
  type: 'budgets',
  label: 'Budgets (app template)',
  shortLabel: 'Budgets',
  fields: [
    field('campaign', ['campaign_name', 'キャンペーン', 'キャンペーン名', '施策'], true),
    field('category', ['カテゴリ', 'カテゴリー', '費目', '区分']),
    field('amount', ['cost', '金額', '費用', '額'], true),
    field('currency', ['通貨']),
    field('spent_at', ['spent_on', 'date', '支出日', '日付'], true),
    field('memo', ['note', 'notes', 'description', 'メモ', '備考', '摘要']),
    field('source', ['ソース']),
  ],
  detect: { rank: 40, test: (h) => h.all('campaign', 'amount', 'spent_at') },
  options: ['timezone', 'source'],
  load: { kind: 'entity', resolve: resolveBudgets },
  tables: ['budgets', 'campaigns'],
  template: true,
  example: { campaign: 'Tokyo Meetup 2026', category: 'venue', amount: '120000', currency: 'JPY', spent_at: '2026-04-18', memo: '会場費' },
  values: [
    { field: 'category', values: budgetCategories, closed: true },
    // Any ISO 4217 code; these are the ones most teams here spend in.
    { field: 'currency', values: ['JPY', 'USD', 'EUR'], closed: false },
  ],
  primaryCount: 'budgets',
  keepsUnmapped: false,
  actorFieldSets: [],
  row: budgetRow,
});
