/**
 * Budget entries by form: create, update, delete. Each keeps the campaign's
 * campaign_stats (JPY cost, roi_per_cost) current in the same transaction;
 * ROI reads budgets directly, so nothing else is derived from them.
 * The import's categories are written as it writes them, so that cost by
 * category means the same whichever way an entry arrived.
 */
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import type { Budget } from '../../../src-shared/contract/campaigns';
import { isBudgetCategory } from '../../../src-shared/budget-categories';
import { rebuildCampaignStats } from '../stats/service';
import type { Db } from '../db/db';

interface BudgetRecord {
  budget_id: string;
  campaign_id: string;
  category: string;
  amount: string;
  currency: string;
  spent_at: string;
  source: string | null;
  memo: string | null;
}

export const BUDGET_COLUMNS = `budget_id, campaign_id, category, amount::text as amount, currency,
  to_char(spent_at, 'YYYY-MM-DD') as spent_at, source, memo`;

export const toBudget = (r: BudgetRecord): Budget => ({
  budgetId: r.budget_id,
  campaignId: r.campaign_id,
  category: r.category,
  amount: Number(r.amount),
  currency: r.currency,
  spentAt: r.spent_at,
  source: r.source,
  memo: r.memo,
});

/**
 * The category as the budgets import writes its own (NFKC, lower-cased:
 * `Venue` and `ｖｅｎｕｅ` are `venue`), so that cost by category adds form
 * and file entries together; any other category is kept as typed (trimmed).
 */
function category(text: string): string {
  const trimmed = text.trim();
  const code = trimmed.normalize('NFKC').toLowerCase();
  return isBudgetCategory(code) ? code : trimmed;
}

export interface NewBudget {
  campaignId: string;
  category: string;
  amount: number;
  currency: string;
  spentAt: string;
  memo?: string | null;
}

export async function createBudget(db: Db, tenant: string, input: NewBudget): Promise<Budget> {
  const cat = category(input.category);
  return inTransaction(db, async (tx) => {
    const campaign = await tx.$client.query('select 1 from campaigns where tenant_id = $1 and campaign_id = $2 for share', [
      tenant,
      input.campaignId,
    ]);
    if (campaign.rowCount === 0) {
      throw new CoreError('NOT_FOUND', `No campaign ${input.campaignId}; it may have been deleted`, { campaignId: input.campaignId });
    }
    const { rows } = await tx.$client.query<BudgetRecord>(
      `insert into budgets (tenant_id, campaign_id, category, amount, currency, spent_at, memo)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${BUDGET_COLUMNS}`,
      [tenant, input.campaignId, cat, input.amount, input.currency, input.spentAt, input.memo || null],
    );
    await rebuildCampaignStats(tx, tenant, [input.campaignId]);
    return toBudget(rows[0]!);
  });
}

export interface BudgetUpdate {
  budgetId: string;
  category?: string;
  amount?: number;
  currency?: string;
  spentAt?: string;
  memo?: string | null;
}

export async function updateBudget(db: Db, tenant: string, update: BudgetUpdate): Promise<Budget> {
  const sets: string[] = [];
  const values: unknown[] = [tenant, update.budgetId];
  const set = (column: string, value: unknown) => sets.push(`${column} = $${values.push(value)}`);
  if (update.category !== undefined) set('category', category(update.category));
  if (update.amount !== undefined) set('amount', update.amount);
  if (update.currency !== undefined) set('currency', update.currency);
  if (update.spentAt !== undefined) set('spent_at', update.spentAt);
  if (update.memo !== undefined) set('memo', update.memo || null);
  return inTransaction(db, async (tx) => {
    const { rows } =
      sets.length > 0
        ? await tx.$client.query<BudgetRecord>(
            `update budgets set ${sets.join(', ')} where tenant_id = $1 and budget_id = $2 returning ${BUDGET_COLUMNS}`,
            values,
          )
        : await tx.$client.query<BudgetRecord>(`select ${BUDGET_COLUMNS} from budgets where tenant_id = $1 and budget_id = $2`, values);
    const row = rows[0];
    if (!row)
      throw new CoreError('NOT_FOUND', `No budget entry ${update.budgetId}; it may have been deleted`, { budgetId: update.budgetId });
    if (sets.length > 0) await rebuildCampaignStats(tx, tenant, [row.campaign_id]);
    return toBudget(row);
  });
}

export async function deleteBudget(db: Db, tenant: string, budgetId: string): Promise<Budget> {
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.$client.query<BudgetRecord>(
      `delete from budgets where tenant_id = $1 and budget_id = $2 returning ${BUDGET_COLUMNS}`,
      [tenant, budgetId],
    );
    const row = rows[0];
    if (!row) throw new CoreError('NOT_FOUND', `No budget entry ${budgetId}; it may have been deleted`, { budgetId });
    await rebuildCampaignStats(tx, tenant, [row.campaign_id]);
    return toBudget(row);
  });
}
