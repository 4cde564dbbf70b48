import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';
import { delimiterLabel, encodingKey, encodingLabel } from '../../src-renderer/src/pages/import/encoding-label';
import { isValidTimeZone, timeZoneChoices } from '../../src-renderer/src/lib/time-zones';
import { formatBytes, formatDuration } from '../../src-renderer/src/format-units';

describe('encoding labels', () => {
  it('knows every name the sniffer reports', () => {
    expect(['utf-8', 'utf-8-bom', 'cp932', 'utf-16le', 'utf-16be'].map(encodingKey)).toEqual([
      'utf8',
      'utf8Bom',
      'cp932',
      'utf16le',
      'utf16be',
    ]);
  });

  it('reads common spellings of Shift_JIS as CP932', () => {
    for (const raw of ['Shift_JIS', 'shift-jis', 'SJIS', 'Windows-31J', 'MS932', 'CP932']) expect(encodingKey(raw), raw).toBe('cp932');
  });

  it('shows Shift_JIS with its code page, in both languages', () => {
    expect(encodingLabel('cp932', en.imports.encodings)).toBe('Shift_JIS (CP932)');
    expect(encodingLabel('cp932', ja.imports.encodings)).toBe('Shift_JIS (CP932)');
    expect(encodingLabel('utf-8-bom', en.imports.encodings)).toBe('UTF-8 (with BOM)');
    expect(encodingLabel('utf-8-bom', ja.imports.encodings)).toBe('UTF-8（BOM 付き）');
  });

  it('shows an unknown encoding as the core named it', () => {
    expect(encodingLabel('EUC-JP', en.imports.encodings)).toBe('EUC-JP');
  });

  it('names delimiters, and shows an odd one visibly', () => {
    expect(delimiterLabel(',', en.imports.delimiters)).toBe('Comma (,)');
    expect(delimiterLabel('\t', ja.imports.delimiters)).toBe('タブ');
    expect(delimiterLabel('\\t', en.imports.delimiters)).toBe('Tab');
    expect(delimiterLabel(':', en.imports.delimiters)).toBe('":"');
  });
});

describe('field, type and status labels', () => {
  it('label every field the engine defines, in both languages', () => {
    const fields = [
      ...['occurred_at', 'action', 'source', 'provider', 'external_user_id', 'handle', 'email', 'display_name', 'organization'],
      ...['anon_id', 'resource_category', 'resource_title', 'resource_url', 'resource_external_id', 'resource_group', 'campaign'],
      ...['source_ref', 'utm_source', 'utm_medium', 'utm_campaign', 'tags', 'github', 'x', 'slack', 'discord', 'connpass'],
      ...['consent_analytics', 'name', 'channel', 'start_date', 'end_date', 'budget_total', 'category', 'amount', 'currency'],
      ...['spent_at', 'memo', 'ticket_name', 'username', 'participation_status', 'attendance_status', 'updated_at'],
      ...['receipt_number', 'login', 'id', 'starred_at', 'repo', 'userid', 'fullname', 'displayname'],
    ];
    for (const field of fields) {
      expect(Object.hasOwn(en.imports.fields, field), field).toBe(true);
      expect(Object.hasOwn(ja.imports.fields, field), field).toBe(true);
    }
    expect(en.imports.fields.occurred_at).toBe('Occurred at');
    expect(ja.imports.fields.occurred_at).toBe('日時');
  });

  it('name all eight types and six statuses', () => {
    expect(Object.keys(en.imports.types).sort()).toEqual(
      ['activities', 'budgets', 'campaigns', 'connpass', 'developers', 'github-stars', 'slack-members', 'shortlink-clicks'].sort(),
    );
    expect(Object.keys(ja.imports.status).sort()).toEqual(['cancelled', 'failed', 'queued', 'rejected', 'running', 'succeeded']);
  });
});

describe('time zones', () => {
  it('accepts IANA names, including ones missing from supportedValuesOf', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/London', [])).toBe(true);
    expect(isValidTimeZone(' America/Los_Angeles ')).toBe(true);
  });

  it('refuses empty text, made-up names and bare offsets', () => {
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('+09:00')).toBe(false);
    expect(isValidTimeZone('Tokyo')).toBe(false);
  });

  it('offers the computer’s own zone first when it is not a common one', () => {
    expect(timeZoneChoices('Asia/Tokyo')[0]).toBe('Asia/Tokyo');
    expect(timeZoneChoices('Asia/Tokyo').filter((z) => z === 'Asia/Tokyo')).toHaveLength(1);
    expect(timeZoneChoices('Pacific/Auckland')[0]).toBe('Pacific/Auckland');
    expect(timeZoneChoices('Pacific/Auckland')).toContain('UTC');
  });
});

describe('sizes and durations', () => {
  it('formats file sizes in decimal units', () => {
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(12_345_678, 'en')).toBe('12.3 MB');
    expect(formatBytes(250_000_000, 'en')).toBe('250 MB');
  });

  it('formats durations from sub-second to hours', () => {
    expect(formatDuration(400, 'en')).toBe('0.4 sec');
    expect(formatDuration(12_000, 'en')).toBe('12 sec');
    expect(formatDuration(125_000, 'en')).toBe('2 min 5 sec');
    expect(formatDuration(120_000, 'en')).toBe('2 min');
    expect(formatDuration(3_720_000, 'en')).toBe('1 hr 2 min');
    expect(formatDuration(125_000, 'ja')).toMatch(/2\s*分\s+5\s*秒/);
  });
});
