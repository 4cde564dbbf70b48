/**
 * The tenant's exchange rates into its reporting currency: list, set, delete
 * and import. Every write recomputes campaign_stats (its cost_total is in the
 * reporting currency) in the same transaction, so that nobody sees a new rate
 * with old totals.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ExchangeRate, RateList } from '../../../src-shared/contract/rates';
import type { Db } from '../db/db';
import { exchangeRates } from '../db/schema-app';
import { inTransaction } from '../db/transaction';
import { CoreError } from '../errors';
import { readSettings } from '../settings/read';
import { rebuildCampaignStats } from '../stats/service';
import type { RateRow } from './csv';

const toRate = (r: { currency: string; month: string; rate: string }): ExchangeRate => ({
  currency: r.currency,
  month: r.month,
  rate: Number(r.rate),
});

export async function listRates(db: Db, tenant: string): Promise<RateList> {
  const { valueCurrency } = await readSettings(db, tenant);
  const rows = await db
    .select({ currency: exchangeRates.currency, month: exchangeRates.month, rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(and(eq(exchangeRates.tenantId, tenant), eq(exchangeRates.quoteCurrency, valueCurrency)))
    .orderBy(desc(exchangeRates.month), asc(exchangeRates.currency));
  return { reportingCurrency: valueCurrency, rates: rows.map(toRate) };
}

/** Sets every rate of `rows` (adding or replacing), then recomputes campaign_stats once. */
export async function setRates(db: Db, tenant: string, rows: readonly RateRow[]): Promise<void> {
  const { valueCurrency } = await readSettings(db, tenant);
  const own = rows.find((r) => r.currency === valueCurrency);
  if (own) {
    throw new CoreError(
      'BAD_INPUT',
      `${own.currency} is the reporting currency: it needs no rate. Give rates for other currencies, in ${valueCurrency} per unit`,
      { field: 'currency', currency: own.currency },
    );
  }
  await inTransaction(db, async (tx) => {
    await tx
      .insert(exchangeRates)
      .values(
        rows.map((r) => ({ tenantId: tenant, quoteCurrency: valueCurrency, currency: r.currency, month: r.month, rate: String(r.rate) })),
      )
      .onConflictDoUpdate({
        target: [exchangeRates.tenantId, exchangeRates.quoteCurrency, exchangeRates.currency, exchangeRates.month],
        set: { rate: sql`excluded.rate`, updatedAt: sql`now()` },
      });
    await rebuildCampaignStats(tx, tenant);
  });
}

/** Deletes one rate; returns it (for undo). */
export async function deleteRate(db: Db, tenant: string, currency: string, month: string): Promise<ExchangeRate> {
  const { valueCurrency } = await readSettings(db, tenant);
  return inTransaction(db, async (tx) => {
    const [deleted] = await tx
      .delete(exchangeRates)
      .where(
        and(
          eq(exchangeRates.tenantId, tenant),
          eq(exchangeRates.quoteCurrency, valueCurrency),
          eq(exchangeRates.currency, currency),
          eq(exchangeRates.month, month),
        ),
      )
      .returning({ currency: exchangeRates.currency, month: exchangeRates.month, rate: exchangeRates.rate });
    if (!deleted) throw new CoreError('NOT_FOUND', `No ${currency} rate for ${month} (in ${valueCurrency})`, { currency, month });
    await rebuildCampaignStats(tx, tenant);
    return toRate(deleted);
  });
}
