/**
 * Changes to the tenant's settings and action map, for the settings handlers.
 * What alters derived numbers (zone, conversion stage, model or lookback)
 * rebuilds them here, in the writer's transaction, and an action-map edit
 * refreshes those of the action's developers; read.ts, which the derived
 * structures read, never does.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import type { settingsUpdate } from '../../../src-shared/contract/settings';
import type { Db } from '../db/db';
import { activities, activityFunnelMap } from '../db/schema';
import { tenantSettings } from '../db/schema-app';
import { inTransaction } from '../db/transaction';
import { rebuildDerived, refreshDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { rebuildCampaignStats } from '../stats/service';
import { listStages, readSettings } from './read';

type SettingsUpdate = z.output<typeof settingsUpdate>;

async function requireStage(db: Db, stageKey: string, field: string): Promise<void> {
  const keys = (await listStages(db)).map((s) => s.key);
  if (!keys.includes(stageKey)) {
    throw new CoreError('BAD_INPUT', `Unknown stage "${stageKey}"; choose one of ${keys.join(', ')}`, {
      field,
      stages: keys,
    });
  }
}

/**
 * Applies an update; returns whether derived numbers had to be rebuilt (the
 * zone, conversion stage, model or lookback changed) and whether costs were
 * restated (the reporting currency changed, so campaign_stats' cost_total).
 * Either runs in the same transaction: nobody sees new settings with old numbers.
 */
export async function updateSettings(db: Db, tenant: string, update: SettingsUpdate): Promise<{ rebuilt: boolean; restated: boolean }> {
  if (update.timeZoneSetting !== undefined && update.timeZoneSetting !== null && !IANAZone.isValidZone(update.timeZoneSetting)) {
    throw new CoreError('BAD_INPUT', `Unknown time zone "${update.timeZoneSetting}"; use an IANA name such as Asia/Tokyo or UTC`, {
      field: 'timeZoneSetting',
    });
  }
  if (update.conversionStage !== undefined) await requireStage(db, update.conversionStage, 'conversionStage');
  return inTransaction(db, async (tx) => {
    // One writer at a time per tenant: the row is created if missing, then locked.
    const row = eq(tenantSettings.tenantId, tenant);
    await tx.insert(tenantSettings).values({ tenantId: tenant }).onConflictDoNothing({ target: tenantSettings.tenantId });
    await tx
      .select({ one: sql`1` })
      .from(tenantSettings)
      .where(row)
      .for('update');
    const before = await readSettings(tx, tenant);
    const next = {
      timeZoneSetting: update.timeZoneSetting === undefined ? before.timeZoneSetting : update.timeZoneSetting,
      language: update.language === undefined ? before.language : update.language,
      conversionStage: update.conversionStage ?? before.conversionStage,
      valuePerConversion: update.valuePerConversion === undefined ? before.valuePerConversion : update.valuePerConversion,
      valueCurrency: update.valueCurrency ?? before.valueCurrency,
      attributionModel: update.attributionModel ?? before.attributionModel,
      lookbackDays: update.lookbackDays ?? before.lookbackDays,
    };
    await tx
      .update(tenantSettings)
      .set({
        timeZone: next.timeZoneSetting,
        language: next.language,
        conversionStage: next.conversionStage,
        valuePerConversion: next.valuePerConversion === null ? null : String(next.valuePerConversion),
        valueCurrency: next.valueCurrency,
        attributionModel: next.attributionModel,
        lookbackDays: next.lookbackDays,
        updatedAt: sql`now()`,
      })
      .where(row);
    const after = await readSettings(tx, tenant);
    const rebuilt =
      after.timeZone !== before.timeZone ||
      after.conversionStage !== before.conversionStage ||
      after.attributionModel !== before.attributionModel ||
      after.lookbackDays !== before.lookbackDays;
    const restated = after.valueCurrency !== before.valueCurrency;
    if (rebuilt) await rebuildDerived(tx, tenant);
    else if (restated) await rebuildCampaignStats(tx, tenant);
    return { rebuilt, restated };
  });
}

/**
 * Maps `action` to a stage (null: unmaps it); returns whether anything
 * changed. Derived numbers are refreshed for the developers with activities
 * of that action only (DerivedChange.mapped): an action nobody did costs
 * nothing, where a rebuild of the tenant cost seconds per 100k activities.
 */
export async function mapAction(db: Db, tenant: string, action: string, stageKey: string | null): Promise<boolean> {
  // Actions are stored as the import writes them: NFKC, trimmed, lower-cased.
  const code = action.normalize('NFKC').trim().toLowerCase();
  if (code === '') throw new CoreError('BAD_INPUT', 'Give an action name', { field: 'action' });
  if (stageKey !== null) await requireStage(db, stageKey, 'stageKey');
  return inTransaction(db, async (tx) => {
    const [was] = await tx
      .select({ stageKey: activityFunnelMap.stageKey })
      .from(activityFunnelMap)
      .where(and(eq(activityFunnelMap.tenantId, tenant), eq(activityFunnelMap.action, code)));
    const result =
      stageKey === null
        ? await tx.delete(activityFunnelMap).where(and(eq(activityFunnelMap.tenantId, tenant), eq(activityFunnelMap.action, code)))
        : await tx
            .insert(activityFunnelMap)
            .values({ tenantId: tenant, action: code, stageKey })
            .onConflictDoUpdate({
              target: [activityFunnelMap.tenantId, activityFunnelMap.action],
              set: { stageKey: sql`excluded.stage_key` },
              setWhere: sql`${activityFunnelMap.stageKey} is distinct from excluded.stage_key`,
            });
    const changed = (result.rowCount ?? 0) > 0;
    if (changed) await refreshMappedAction(tx, tenant, code, was?.stageKey ?? null, stageKey);
    return changed;
  });
}

/** After `action` moved from stage `was` to `now` (null: unmapped), in the writer's transaction. */
async function refreshMappedAction(tx: Db, tenant: string, action: string, was: string | null, now: string | null): Promise<void> {
  const { conversionStage } = await readSettings(tx, tenant);
  // Through idx_activities_tenant_action: the action's own rows.
  const developers = await tx
    .selectDistinct({ id: activities.developerId })
    .from(activities)
    .where(and(eq(activities.tenantId, tenant), eq(activities.action, action), isNotNull(activities.developerId)));
  await refreshDerived(tx, tenant, {
    developers: developers.map((d) => d.id!),
    span: null,
    mapped: { conversions: (was === conversionStage) !== (now === conversionStage) },
  });
}
