/**
 * The tenant's analytics settings (app.tenant_settings): one row per tenant,
 * a missing row meaning every default. Every analytics query and derived
 * structure reads them through `readSettings`; this module reads only, so
 * that everything derived can depend on it (write.ts changes them and
 * rebuilds what they alter).
 */
import type { AttributionModelName, Settings } from '../../../src-shared/contract/settings';
import type { Db } from '../db/db';
import { machineZone } from '../machine-zone';

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

export async function readSettings(db: Db, tenant: string): Promise<TenantSettings> {
  const { rows } = await db.$client.query<{
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
export async function getSettings(db: Db, tenant: string): Promise<Settings> {
  const current = await readSettings(db, tenant);
  const stages = await db.$client.query<{ key: string; title: string; order: number }>(
    'select stage_key as key, title, order_no as "order" from funnel_stages order by order_no',
  );
  // Counts from the day × action table when it is filled, else one grouped pass over activities.
  const daily = await db.$client.query<{ filled: boolean }>(
    'select exists (select 1 from derived.activity_daily where tenant_id = $1) as filled',
    [tenant],
  );
  const seen = daily.rows[0]?.filled
    ? 'select action, sum(activities + anonymous) as n from derived.activity_daily where tenant_id = $1 group by action'
    : 'select action, count(*) as n from activities where tenant_id = $1 group by action';
  const actions = await db.$client.query<{ action: string; stage_key: string | null; n: string | null }>(
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
