/**
 * Budget entries by form: create, update, delete. Each keeps the campaign's
 * campaign_stats (reporting-currency cost, roi_per_cost) current in the same transaction;
 * ROI reads budgets directly, so nothing else is derived from them.
 * A category must be one of the import's (issue 11, defect 6), folded the way
 * the import folds it, so that cost by category means the same whichever way
 * an entry arrived.
 */
import { and, eq, sql } from 'drizzle-orm';
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import type { Budget } from '../../../src-shared/contract/campaigns';
import { budgetCategories, budgetCategoryOf } from '../../../src-shared/budget-categories';
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
 * The category's code from the one list (src-shared/budget-categories.ts);
 * `kept` is an older entry's own category, typed before the list existed,
 * which an edit of its other fields may carry unchanged.
 */
function category(text: string, kept?: string): string {
  const known = budgetCategoryOf(text);
  if (known !== undefined) return known;
  if (kept !== undefined && text.trim() === kept) return kept;
  throw new CoreError('BAD_INPUT', `Budget category "${text.trim()}" is not one of ${budgetCategories.join(', ')}: choose one of them`, {
    category: text,
  });
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
  const thisEntry = and(eq(budgets.tenantId, tenant), eq(budgets.budgetId, update.budgetId));
  const notFound = () =>
    new CoreError('NOT_FOUND', `No budget entry ${update.budgetId}; it may have been deleted`, { budgetId: update.budgetId });
  return inTransaction(db, async (tx) => {
    const [current] = await tx.select(budgetColumns).from(budgets).where(thisEntry).for('update');
    if (!current) throw notFound();
    const set: Partial<typeof budgets.$inferInsert> = {};
    if (update.category !== undefined) set.category = category(update.category, current.category);
    if (update.amount !== undefined) set.amount = String(update.amount);
    if (update.currency !== undefined) set.currency = update.currency;
    if (update.spentAt !== undefined) set.spentAt = update.spentAt;
    if (update.memo !== undefined) set.memo = update.memo || null;
    if (Object.keys(set).length === 0) return toBudget(current);
    const [row] = await tx.update(budgets).set(set).where(thisEntry).returning(budgetColumns);
    if (!row) throw notFound();
    await rebuildCampaignStats(tx, tenant, [row.campaignId]);
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
