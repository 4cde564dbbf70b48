/**
 * Changes to the tenant's settings and action map, for the settings handlers.
 * What alters derived numbers (zone, action map, conversion stage, model or
 * lookback) rebuilds them here, in the writer's transaction; read.ts, which
 * the derived structures read, never does.
 */
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import type { settingsUpdate } from '../../../src-shared/contract/settings';
import type { Db } from '../db/db';
import { inTransaction } from '../db/transaction';
import { rebuildDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { readSettings } from './read';

type SettingsUpdate = z.output<typeof settingsUpdate>;

async function requireStage(db: Db, stageKey: string, field: string): Promise<void> {
  const { rows } = await db.$client.query<{ key: string }>('select stage_key as key from funnel_stages order by order_no');
  if (!rows.some((r) => r.key === stageKey)) {
    throw new CoreError('BAD_INPUT', `Unknown stage "${stageKey}"; choose one of ${rows.map((r) => r.key).join(', ')}`, {
      field,
      stages: rows.map((r) => r.key),
    });
  }
}

/**
 * Applies an update; returns whether derived numbers had to be rebuilt (the
 * zone, conversion stage, model or lookback changed). The rebuild runs in the
 * same transaction: nobody sees new settings with old numbers.
 */
export async function updateSettings(db: Db, tenant: string, update: SettingsUpdate): Promise<{ rebuilt: boolean }> {
  if (update.timeZoneSetting !== undefined && update.timeZoneSetting !== null && !IANAZone.isValidZone(update.timeZoneSetting)) {
    throw new CoreError('BAD_INPUT', `Unknown time zone "${update.timeZoneSetting}"; use an IANA name such as Asia/Tokyo or UTC`, {
      field: 'timeZoneSetting',
    });
  }
  if (update.conversionStage !== undefined) await requireStage(db, update.conversionStage, 'conversionStage');
  return inTransaction(db, async (tx) => {
    // One writer at a time per tenant: the row is created if missing, then locked.
    await tx.$client.query('insert into app.tenant_settings (tenant_id) values ($1) on conflict (tenant_id) do nothing', [tenant]);
    await tx.$client.query('select 1 from app.tenant_settings where tenant_id = $1 for update', [tenant]);
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
    await tx.$client.query(
      `update app.tenant_settings set time_zone = $2, language = $3, conversion_stage = $4, value_per_conversion = $5,
              value_currency = $6, attribution_model = $7, lookback_days = $8, updated_at = now()
        where tenant_id = $1`,
      [
        tenant,
        next.timeZoneSetting,
        next.language,
        next.conversionStage,
        next.valuePerConversion,
        next.valueCurrency,
        next.attributionModel,
        next.lookbackDays,
      ],
    );
    const after = await readSettings(tx, tenant);
    const rebuilt =
      after.timeZone !== before.timeZone ||
      after.conversionStage !== before.conversionStage ||
      after.attributionModel !== before.attributionModel ||
      after.lookbackDays !== before.lookbackDays;
    if (rebuilt) await rebuildDerived(tx, tenant);
    return { rebuilt };
  });
}

/** Maps `action` to a stage (null: unmaps it); returns whether anything changed. Derived numbers are rebuilt. */
export async function mapAction(db: Db, tenant: string, action: string, stageKey: string | null): Promise<boolean> {
  // Actions are stored as the import writes them: NFKC, trimmed, lower-cased.
  const code = action.normalize('NFKC').trim().toLowerCase();
  if (code === '') throw new CoreError('BAD_INPUT', 'Give an action name', { field: 'action' });
  if (stageKey !== null) await requireStage(db, stageKey, 'stageKey');
  return inTransaction(db, async (tx) => {
    const result =
      stageKey === null
        ? await tx.$client.query('delete from activity_funnel_map where tenant_id = $1 and action = $2', [tenant, code])
        : await tx.$client.query(
            `insert into activity_funnel_map (tenant_id, action, stage_key) values ($1, $2, $3)
             on conflict (tenant_id, action) do update set stage_key = excluded.stage_key
             where activity_funnel_map.stage_key is distinct from excluded.stage_key`,
            [tenant, code, stageKey],
          );
    const changed = (result.rowCount ?? 0) > 0;
    if (changed) await rebuildDerived(tx, tenant);
    return changed;
  });
}
