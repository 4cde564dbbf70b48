/**
 * The staging table's line of an activity (load/activity-stage.ts): its metadata column is the row's
 * unknown columns with the UTM fields added, `\N` when there is nothing, and the record's own
 * metadata is never changed.
 */
import { describe, expect, it } from 'vitest';
import { STAGE_ACTIVITY_COLUMNS, stageActivityLine } from '../../src-main/core/imports/load/activity-stage';
import type { ActivityRecord } from '../../src-main/core/imports/types';

const base: ActivityRecord = {
  kind: 'activity',
  line: 3,
  occurredAt: Date.UTC(2024, 4, 1, 1, 0, 0),
  action: 'click',
  source: 'web',
  actor: { email: 'a@example.com' },
  metadata: {},
};

const column = (line: string, name: (typeof STAGE_ACTIVITY_COLUMNS)[number]) =>
  line.slice(0, -1).split('\t')[STAGE_ACTIVITY_COLUMNS.indexOf(name)];

describe('stageActivityLine', () => {
  it('writes \\N for no metadata, the row’s own as JSON, and the UTM fields after them', () => {
    expect(column(stageActivityLine('t', base), 'metadata')).toBe('\\N');
    const metadata = { lang: 'ja', Browser: 'x' };
    const own = { ...base, metadata };
    expect(column(stageActivityLine('t', own), 'metadata')).toBe('{"lang":"ja","Browser":"x"}');
    const utm = { ...own, utmSource: 's', utmCampaign: 'c' };
    const line = stageActivityLine('t', utm);
    expect(column(line, 'metadata')).toBe('{"lang":"ja","Browser":"x","utm_source":"s","utm_campaign":"c"}');
    expect(column(line, 'utm_source')).toBe('s');
    expect(column(line, 'utm_medium')).toBe('\\N');
    expect(metadata).toStrictEqual({ lang: 'ja', Browser: 'x' });
    expect(column(stageActivityLine('t', { ...base, utmMedium: 'm' }), 'metadata')).toBe('{"utm_medium":"m"}');
  });

  it('has one value per staging column', () => {
    expect(stageActivityLine('t', base).slice(0, -1).split('\t')).toHaveLength(STAGE_ACTIVITY_COLUMNS.length);
  });
});
