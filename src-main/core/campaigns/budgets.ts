/**
 * Budget entries by form: create, update, delete. Each keeps the campaign's
 * campaign_stats (reporting-currency cost, roi_per_cost) current in the same transaction;
 * ROI reads budgets directly, so nothing else is derived from them.
 * The import's categories are written as it writes them, so that cost by
 * category means the same whichever way an entry arrived.
 */
import { and, eq, sql } from 'drizzle-orm';
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import type { Budget } from '../../../src-shared/contract/campaigns';
import { isBudgetCategory } from '../../../src-shared/budget-categories';
import { rebuildCampaignStats } from '../stats/service';
import type { Db } from '../db/db';
import { budgets, campaigns } from '../db/schema';

/** The columns of a budget entry the app shows. */
export const budgetColumns = {
  budgetId: budgets.budgetId,
  campaignId: budgets.campaignId,
  category: budgets.category,
  amount: budgets.amount,
  currency: budgets.currency,
  spentAt: budgets.spentAt,
  source: budgets.source,
  memo: budgets.memo,
};

export const toBudget = (r: Pick<typeof budgets.$inferSelect, keyof typeof budgetColumns>): Budget => ({ ...r, amount: Number(r.amount) });

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
    const campaign = await tx
      .select({ one: sql`1` })
      .from(campaigns)
      .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, input.campaignId)))
      .for('share');
    if (campaign.length === 0) {
      throw new CoreError('NOT_FOUND', `No campaign ${input.campaignId}; it may have been deleted`, { campaignId: input.campaignId });
    }
    const [row] = await tx
      .insert(budgets)
      .values({
        tenantId: tenant,
        campaignId: input.campaignId,
        category: cat,
        amount: String(input.amount),
        currency: input.currency,
        spentAt: input.spentAt,
        memo: input.memo || null,
      })
      .returning(budgetColumns);
    await rebuildCampaignStats(tx, tenant, [input.campaignId]);
    return toBudget(row!);
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
  const set: Partial<typeof budgets.$inferInsert> = {};
  if (update.category !== undefined) set.category = category(update.category);
  if (update.amount !== undefined) set.amount = String(update.amount);
  if (update.currency !== undefined) set.currency = update.currency;
  if (update.spentAt !== undefined) set.spentAt = update.spentAt;
  if (update.memo !== undefined) set.memo = update.memo || null;
  const changes = Object.keys(set).length > 0;
  const thisEntry = and(eq(budgets.tenantId, tenant), eq(budgets.budgetId, update.budgetId));
  return inTransaction(db, async (tx) => {
    const [row] = changes
      ? await tx.update(budgets).set(set).where(thisEntry).returning(budgetColumns)
      : await tx.select(budgetColumns).from(budgets).where(thisEntry);
    if (!row)
      throw new CoreError('NOT_FOUND', `No budget entry ${update.budgetId}; it may have been deleted`, { budgetId: update.budgetId });
    if (changes) await rebuildCampaignStats(tx, tenant, [row.campaignId]);
    return toBudget(row);
  });
}

export async function deleteBudget(db: Db, tenant: string, budgetId: string): Promise<Budget> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .delete(budgets)
      .where(and(eq(budgets.tenantId, tenant), eq(budgets.budgetId, budgetId)))
      .returning(budgetColumns);
    if (!row) throw new CoreError('NOT_FOUND', `No budget entry ${budgetId}; it may have been deleted`, { budgetId });
    await rebuildCampaignStats(tx, tenant, [row.campaignId]);
    return toBudget(row);
  });
}
