/**
 * The funnel stages the app ships with, in funnel order: seeded into
 * funnel_stages at start-up (core/db/seed.ts) and named in both languages by
 * the renderer. A stage the tenant adds later is shown by its title.
 */

export const FUNNEL_STAGES = [
  { stageKey: 'awareness', orderNo: 1, title: 'Awareness' },
  { stageKey: 'engagement', orderNo: 2, title: 'Engagement' },
  { stageKey: 'adoption', orderNo: 3, title: 'Adoption' },
  { stageKey: 'advocacy', orderNo: 4, title: 'Advocacy' },
] as const;

export type StageKey = (typeof FUNNEL_STAGES)[number]['stageKey'];

/** The keys alone, in funnel order. */
export const stageKeys: readonly StageKey[] = FUNNEL_STAGES.map((stage) => stage.stageKey);

export function isStageKey(value: string | null): value is StageKey {
  return value !== null && (stageKeys as readonly string[]).includes(value);
}

/**
 * The four stages' titles in each language the app speaks: the renderer's
 * translations and the core's CSV exports say the same words (a test holds
 * the renderer's to these).
 */
export const STAGE_TITLES: Record<'en' | 'ja', Record<StageKey, string>> = {
  en: { awareness: 'Awareness', engagement: 'Engagement', adoption: 'Adoption', advocacy: 'Advocacy' },
  ja: { awareness: '認知', engagement: '関心', adoption: '利用', advocacy: '推奨' },
};

/** A stage as a person reads it: the app's four translated; a tenant's own by its title, else its key. */
export function stageTitle(key: string, language: 'en' | 'ja', ownTitle?: string | null): string {
  return isStageKey(key) ? STAGE_TITLES[language][key] : ownTitle || key;
}
