/**
 * The tenant's analytics settings (app.tenant_settings): one row per tenant,
 * a missing row meaning every default. Every analytics query and derived
 * structure reads them through `readSettings`. Changes that alter derived
 * numbers (zone, action map, conversion stage, model, lookback) rebuild them
 * in the same transaction.
 */
import { IANAZone } from 'luxon';
import type { Pool, PoolClient } from 'pg';
import type { z } from 'zod';
import type { AttributionModelName, Settings, settingsUpdate } from '../../../src-shared/contract/settings';
import { rebuildDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { machineZone } from '../imports/values';
import { inTransaction } from '../merges/tx';

type Queryable = Pick<PoolClient, 'query'>;
type SettingsUpdate = z.output<typeof settingsUpdate>;

export interface TenantSettings {
  /** The zone days and periods are counted in: the setting, else the machine's. */
  timeZone: string;
  timeZoneSetting: string | null;
  language: 'en' | 'ja' | null;
  conversionStage: string;
  valuePerConversion: number | null;
  valueCurrency: string;
  attributionModel: AttributionModelName;
  lookbackDays: number;
}

export const DEFAULT_SETTINGS: Omit<TenantSettings, 'timeZone'> = {
  timeZoneSetting: null,
  language: null,
  conversionStage: 'adoption',
  valuePerConversion: null,
  valueCurrency: 'JPY',
  attributionModel: 'linear',
  lookbackDays: 30,
};

export async function readSettings(db: Queryable, tenant: string): Promise<TenantSettings> {
  const { rows } = await db.query<{
    time_zone: string | null;
    language: 'en' | 'ja' | null;
    conversion_stage: string;
    value_per_conversion: string | null;
    value_currency: string;
    attribution_model: AttributionModelName;
    lookback_days: number;
  }>(
    `select time_zone, language, conversion_stage, value_per_conversion, value_currency, attribution_model, lookback_days
       from app.tenant_settings where tenant_id = $1`,
    [tenant],
  );
  const row = rows[0];
  if (!row) return { ...DEFAULT_SETTINGS, timeZone: machineZone() };
  return {
    timeZone: row.time_zone ?? machineZone(),
    timeZoneSetting: row.time_zone,
    language: row.language,
    conversionStage: row.conversion_stage,
    valuePerConversion: row.value_per_conversion === null ? null : Number(row.value_per_conversion),
    valueCurrency: row.value_currency,
    attributionModel: row.attribution_model,
    lookbackDays: row.lookback_days,
  };
}

/** The Settings page: the tenant's settings, the stages, and every action mapped or seen with its count. */
export async function getSettings(db: Queryable, tenant: string): Promise<Settings> {
  const current = await readSettings(db, tenant);
  const stages = await db.query<{ key: string; title: string; order: number }>(
    'select stage_key as key, title, order_no as "order" from funnel_stages order by order_no',
  );
  // Counts from the day × action table when it is filled, else one grouped pass over activities.
  const daily = await db.query<{ filled: boolean }>('select exists (select 1 from derived.activity_daily where tenant_id = $1) as filled', [
    tenant,
  ]);
  const seen = daily.rows[0]?.filled
    ? 'select action, sum(activities + anonymous) as n from derived.activity_daily where tenant_id = $1 group by action'
    : 'select action, count(*) as n from activities where tenant_id = $1 group by action';
  const actions = await db.query<{ action: string; stage_key: string | null; n: string | null }>(
    `select coalesce(m.action, s.action) as action, m.stage_key, s.n
       from (select action, stage_key from activity_funnel_map where tenant_id = $1) m
       full join (${seen}) s on s.action = m.action
      order by 1`,
    [tenant],
  );
  return {
    timeZone: current.timeZone,
    timeZoneSetting: current.timeZoneSetting,
    machineTimeZone: machineZone(),
    language: current.language,
    conversionStage: current.conversionStage,
    valuePerConversion: current.valuePerConversion,
    valueCurrency: current.valueCurrency,
    attributionModel: current.attributionModel,
    lookbackDays: current.lookbackDays,
    stages: stages.rows,
    actions: actions.rows.map((r) => ({ action: r.action, stageKey: r.stage_key, activities: Number(r.n ?? 0) })),
  };
}

async function requireStage(db: Queryable, stageKey: string, field: string): Promise<void> {
  const { rows } = await db.query<{ key: string }>('select stage_key as key from funnel_stages order by order_no');
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
export async function updateSettings(pool: Pool, tenant: string, update: SettingsUpdate): Promise<{ rebuilt: boolean }> {
  if (update.timeZoneSetting !== undefined && update.timeZoneSetting !== null && !IANAZone.isValidZone(update.timeZoneSetting)) {
    throw new CoreError('BAD_INPUT', `Unknown time zone "${update.timeZoneSetting}"; use an IANA name such as Asia/Tokyo or UTC`, {
      field: 'timeZoneSetting',
    });
  }
  if (update.conversionStage !== undefined) await requireStage(pool, update.conversionStage, 'conversionStage');
  return inTransaction(pool, async (client) => {
    // One writer at a time per tenant: the row is created if missing, then locked.
    await client.query('insert into app.tenant_settings (tenant_id) values ($1) on conflict (tenant_id) do nothing', [tenant]);
    await client.query('select 1 from app.tenant_settings where tenant_id = $1 for update', [tenant]);
    const before = await readSettings(client, tenant);
    const next = {
      timeZoneSetting: update.timeZoneSetting === undefined ? before.timeZoneSetting : update.timeZoneSetting,
      language: update.language === undefined ? before.language : update.language,
      conversionStage: update.conversionStage ?? before.conversionStage,
      valuePerConversion: update.valuePerConversion === undefined ? before.valuePerConversion : update.valuePerConversion,
      valueCurrency: update.valueCurrency ?? before.valueCurrency,
      attributionModel: update.attributionModel ?? before.attributionModel,
      lookbackDays: update.lookbackDays ?? before.lookbackDays,
    };
    await client.query(
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
    const after = await readSettings(client, tenant);
    const rebuilt =
      after.timeZone !== before.timeZone ||
      after.conversionStage !== before.conversionStage ||
      after.attributionModel !== before.attributionModel ||
      after.lookbackDays !== before.lookbackDays;
    if (rebuilt) await rebuildDerived(client, tenant);
    return { rebuilt };
  });
}

/** Maps `action` to a stage (null: unmaps it); returns whether anything changed. Derived numbers are rebuilt. */
export async function mapAction(pool: Pool, tenant: string, action: string, stageKey: string | null): Promise<boolean> {
  // Actions are stored as the import writes them: NFKC, trimmed, lower-cased.
  const code = action.normalize('NFKC').trim().toLowerCase();
  if (code === '') throw new CoreError('BAD_INPUT', 'Give an action name', { field: 'action' });
  if (stageKey !== null) await requireStage(pool, stageKey, 'stageKey');
  return inTransaction(pool, async (client) => {
    const result =
      stageKey === null
        ? await client.query('delete from activity_funnel_map where tenant_id = $1 and action = $2', [tenant, code])
        : await client.query(
            `insert into activity_funnel_map (tenant_id, action, stage_key) values ($1, $2, $3)
             on conflict (tenant_id, action) do update set stage_key = excluded.stage_key
             where activity_funnel_map.stage_key is distinct from excluded.stage_key`,
            [tenant, code, stageKey],
          );
    const changed = (result.rowCount ?? 0) > 0;
    if (changed) await rebuildDerived(client, tenant);
    return changed;
  });
}
