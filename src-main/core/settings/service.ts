/**
 * The tenant's analytics settings (app.tenant_settings): one row per tenant,
 * a missing row meaning every default. Every analytics query and derived
 * structure reads them through `readSettings`.
 */
import type { PoolClient } from 'pg';
import type { AttributionModelName } from '../../../src-shared/contract-analytics';
import { machineZone } from '../imports/values';

type Queryable = Pick<PoolClient, 'query'>;

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
