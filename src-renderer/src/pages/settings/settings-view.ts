/** Pure helpers of the Settings page (no React), unit-tested. */
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { AttributionModelName, Settings } from '../../../../src-shared/contract/settings';
import { parseAmount } from '../../lib/form-values';

export const ACTION_MAX = 100;

export interface SettingsDraft {
  conversionStage: string;
  /** '' = no value per conversion (no ROI %). */
  valuePerConversion: string;
  valueCurrency: string;
  attributionModel: AttributionModelName;
  lookbackDays: string;
  /** '' = follow the machine. */
  timeZoneSetting: string;
}

export type SettingsErrors = Partial<{
  valuePerConversion: 'invalid' | 'negative';
  valueCurrency: 'invalid';
  lookbackDays: 'invalid';
}>;

export function settingsDraft(s: Settings): SettingsDraft {
  return {
    conversionStage: s.conversionStage,
    valuePerConversion: s.valuePerConversion === null ? '' : String(s.valuePerConversion),
    valueCurrency: s.valueCurrency,
    attributionModel: s.attributionModel,
    lookbackDays: String(s.lookbackDays),
    timeZoneSetting: s.timeZoneSetting ?? '',
  };
}

export function settingsErrors(d: SettingsDraft): SettingsErrors {
  const errors: SettingsErrors = {};
  if (d.valuePerConversion.trim() !== '') {
    const value = parseAmount(d.valuePerConversion);
    if (value === null) errors.valuePerConversion = 'invalid';
    else if (value < 0) errors.valuePerConversion = 'negative';
  }
  if (!/^[A-Z]{3}$/.test(d.valueCurrency.trim().toUpperCase())) errors.valueCurrency = 'invalid';
  const lookback = Number(d.lookbackDays);
  if (!/^\d+$/.test(d.lookbackDays.trim()) || lookback < 1 || lookback > 365) errors.lookbackDays = 'invalid';
  return errors;
}

/** Only what changed, so that saving one field never rewrites another someone else just set. */
export function settingsChanges(s: Settings, d: SettingsDraft): ChannelInput<'settings:update'> {
  const changes: ChannelInput<'settings:update'> = {};
  if (d.conversionStage !== s.conversionStage) changes.conversionStage = d.conversionStage;
  const value = d.valuePerConversion.trim() === '' ? null : parseAmount(d.valuePerConversion);
  if (value !== s.valuePerConversion) changes.valuePerConversion = value;
  const currency = d.valueCurrency.trim().toUpperCase();
  if (currency !== s.valueCurrency) changes.valueCurrency = currency;
  if (d.attributionModel !== s.attributionModel) changes.attributionModel = d.attributionModel;
  const lookback = Number(d.lookbackDays);
  if (lookback !== s.lookbackDays) changes.lookbackDays = lookback;
  const zone = d.timeZoneSetting === '' ? null : d.timeZoneSetting;
  if (zone !== s.timeZoneSetting) changes.timeZoneSetting = zone;
  return changes;
}

export type ActionRow = Settings['actions'][number];

/**
 * The action map as the table lists it: mapped actions in funnel order, then
 * the unmapped ones seen in data (most frequent first, as those matter most).
 */
export function actionRows(s: Pick<Settings, 'actions' | 'stages'>): ActionRow[] {
  const order = new Map(s.stages.map((st) => [st.key, st.order]));
  const rank = (a: ActionRow) => (a.stageKey === null ? Number.MAX_SAFE_INTEGER : (order.get(a.stageKey) ?? Number.MAX_SAFE_INTEGER - 1));
  return [...s.actions].sort(
    (a, b) => rank(a) - rank(b) || (a.stageKey === null ? b.activities - a.activities : 0) || a.action.localeCompare(b.action),
  );
}

export type NewActionError = 'empty' | 'tooLong' | 'exists';

/** Why a typed action cannot be added, or null. Actions are matched as stored (trimmed). */
export function newActionError(raw: string, existing: readonly ActionRow[]): NewActionError | null {
  const action = raw.trim();
  if (action === '') return 'empty';
  if (action.length > ACTION_MAX) return 'tooLong';
  if (existing.some((a) => a.action === action && a.stageKey !== null)) return 'exists';
  return null;
}

/** Every zone this engine knows, plus the saved one if it does not (so the select can show it). */
export function timeZoneOptions(supported: readonly string[], saved: string | null): string[] {
  const zones = [...supported];
  if (!zones.includes('UTC')) zones.push('UTC');
  if (saved && !zones.includes(saved)) zones.push(saved);
  return zones.sort((a, b) => a.localeCompare(b));
}
