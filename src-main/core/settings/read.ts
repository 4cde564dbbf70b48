/**
 * The tenant's analytics settings (app.tenant_settings): one row per tenant,
 * a missing row meaning every default. Every analytics query and derived
 * structure reads them through `readSettings`; this module reads only, so
 * that everything derived can depend on it (write.ts changes them and
 * rebuilds what they alter).
 */
import type { AttributionModelName, Settings } from '../../../src-shared/contract/settings';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { activities, activityFunnelMap, funnelStages } from '../db/schema';
import { activityDaily, tenantSettings } from '../db/schema-app';
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
  const [row] = await db.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenant));
  if (!row) return { ...DEFAULT_SETTINGS, timeZone: machineZone() };
  return {
    timeZone: row.timeZone ?? machineZone(),
    timeZoneSetting: row.timeZone,
    language: row.language,
    conversionStage: row.conversionStage,
    valuePerConversion: row.valuePerConversion === null ? null : Number(row.valuePerConversion),
    valueCurrency: row.valueCurrency,
    attributionModel: row.attributionModel,
    lookbackDays: row.lookbackDays,
  };
}

/** The funnel's stages in order. */
export function listStages(db: Db): Promise<Settings['stages']> {
  return db
    .select({ key: funnelStages.stageKey, title: funnelStages.title, order: funnelStages.orderNo })
    .from(funnelStages)
    .orderBy(funnelStages.orderNo);
}

/**
 * Activities per action: from the day × action table when it is filled, else
 * one grouped pass over activities.
 */
async function actionCounts(db: Db, tenant: string) {
  const filled = await db
    .select({ one: sql`1` })
    .from(activityDaily)
    .where(eq(activityDaily.tenantId, tenant))
    .limit(1);
  return filled.length > 0
    ? db
        .select({ action: activityDaily.action, n: sql<string>`sum(${activityDaily.activities} + ${activityDaily.anonymous})`.as('n') })
        .from(activityDaily)
        .where(eq(activityDaily.tenantId, tenant))
        .groupBy(activityDaily.action)
        .as('s')
    : db
        .select({ action: activities.action, n: sql<string>`count(*)`.as('n') })
        .from(activities)
        .where(eq(activities.tenantId, tenant))
        .groupBy(activities.action)
        .as('s');
}

/** Every mapped action and every action seen, with its stage (null: unmapped) and its count. */
async function listActions(db: Db, tenant: string): Promise<Settings['actions']> {
  const m = db
    .select({ action: activityFunnelMap.action, stageKey: activityFunnelMap.stageKey })
    .from(activityFunnelMap)
    .where(eq(activityFunnelMap.tenantId, tenant))
    .as('m');
  const s = await actionCounts(db, tenant);
  const action = sql<string>`coalesce(${m.action}, ${s.action})`;
  const rows = await db.select({ action, stageKey: m.stageKey, n: s.n }).from(m).fullJoin(s, eq(s.action, m.action)).orderBy(action);
  return rows.map((r) => ({ action: r.action, stageKey: r.stageKey, activities: Number(r.n ?? 0) }));
}

/** The Settings page: the tenant's settings, the stages, and every action mapped or seen with its count. */
export async function getSettings(db: Db, tenant: string): Promise<Settings> {
  const current = await readSettings(db, tenant);
  const stages = await listStages(db);
  const actions = await listActions(db, tenant);
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
    stages,
    actions,
  };
}
