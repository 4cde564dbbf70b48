/**
 * The benchmark/sample data generator (bench/generate): deterministic, the
 * counts asked for, rows the activities template accepts, Japanese names,
 * one developer per person (no accidental shared emails or handles), and a
 * connpass export in CP932.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, ownFormats, presetFormats, type GeneratedDataset } from '../../bench/generate/index';
import { makeWorld, personAt } from '../../bench/generate/people';
import { makeTempDir } from '../helpers/temp';

const dirs: { path: string; remove(): void }[] = [];
const tempDir = (label: string) => {
  const dir = makeTempDir(label);
  dirs.push(dir);
  return dir.path;
};

const all = [...ownFormats, ...presetFormats];
let first: GeneratedDataset;
let outDir: string;

const readCsv = (file: string, encoding: 'utf8' | 'cp932' = 'utf8'): Record<string, string>[] => {
  const bytes = readFileSync(join(outDir, file));
  const text = encoding === 'cp932' ? iconv.decode(bytes, 'cp932') : bytes.toString('utf8');
  return parse(text, { columns: true });
};

beforeAll(async () => {
  outDir = tempDir('gen-a');
  first = await generateDataset({ seed: 7, developers: 400, activities: 5000, outDir, formats: all });
});
afterAll(() => dirs.forEach((dir) => dir.remove()));

describe('generateDataset', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const again = tempDir('gen-b');
    const second = await generateDataset({ seed: 7, developers: 400, activities: 5000, outDir: again, formats: all });
    expect(second.files.map((f) => f.file)).toEqual(first.files.map((f) => f.file));
    for (const f of first.files) expect(readFileSync(join(again, f.file)).equals(readFileSync(f.path)), f.file).toBe(true);

    const other = tempDir('gen-c');
    await generateDataset({ seed: 8, developers: 400, activities: 5000, outDir: other });
    expect(readFileSync(join(other, 'activities.csv')).equals(readFileSync(join(outDir, 'activities.csv')))).toBe(false);
  });

  it('writes the rows asked for, in import order, and reports them truly', () => {
    expect(first.files.map((f) => f.type)).toEqual([
      'campaigns',
      'budgets',
      'developers',
      'activities',
      'connpass',
      'github-stars',
      'slack-members',
    ]);
    expect(first.counts.developers).toBe(400);
    expect(first.counts.activities).toBe(5000);
    expect(readdirSync(outDir).sort()).toEqual(first.files.map((f) => f.file).sort());
    for (const f of first.files) {
      const rows = readCsv(f.file, f.type === 'connpass' ? 'cp932' : 'utf8');
      expect(rows.length, f.file).toBe(f.rows);
      expect(readFileSync(f.path).length, f.file).toBe(f.bytes);
    }
  });

  it('gives every activity row its required fields and an actor the import accepts', () => {
    const rows = readCsv('activities.csv');
    let anonymous = 0;
    for (const row of rows) {
      expect(row.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:Z|\+09:00)?$/);
      expect(row.action).toMatch(/^[a-z_]+$/);
      expect(row.source).not.toBe('');
      const byAccount = row.provider !== '' && (row.external_user_id !== '' || row.handle !== '');
      const actor = byAccount || row.email !== '' || row.anon_id !== '';
      expect(actor, JSON.stringify(row)).toBe(true);
      if (row.provider === '' && row.email === '') anonymous++;
      if (row.resource_url) expect(URL.canParse(row.resource_url)).toBe(true);
      // Never a real company's domain: company addresses use the reserved example names.
      if (row.email) expect(row.email).toMatch(/@([\w-]+\.example(\.jp|\.com)?|gmail\.com|yahoo\.co\.jp|outlook\.com|icloud\.com)$/);
    }
    expect(anonymous).toBeGreaterThan(rows.length * 0.1);
    // Most rows carry a unique source_ref, some none.
    const refs = rows.map((r) => r.source_ref).filter((ref) => ref !== '');
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.length).toBeGreaterThan(rows.length * 0.85);
    expect(refs.length).toBeLessThan(rows.length);
    // Extra columns go to metadata.
    expect(Object.keys(rows[0] ?? {})).toEqual(expect.arrayContaining(['user_agent', 'lang']));
  });

  it('draws actions like a funnel: views and clicks dominate, advocacy is rare', () => {
    const counts = new Map<string, number>();
    for (const row of readCsv('activities.csv')) counts.set(row.action ?? '', (counts.get(row.action ?? '') ?? 0) + 1);
    const n = (a: string) => counts.get(a) ?? 0;
    expect(n('view') + n('click')).toBeGreaterThan(5000 * 0.45);
    expect(n('star')).toBeGreaterThan(n('signup'));
    expect(n('signup')).toBeGreaterThan(n('pr'));
    for (const a of ['register', 'attend', 'comment', 'join', 'download', 'api_call', 'install', 'post', 'contribute', 'pr'])
      expect(n(a), a).toBeGreaterThan(0);
    expect(n('post') + n('talk') + n('contribute') + n('pr')).toBeLessThan(5000 * 0.05);
  });

  it('names people in Japanese and English, with 髙/﨑-style variants and some full-width spaces', () => {
    const names = Array.from({ length: 3000 }, (_, i) => personAt(makeWorld(7, 3000), i).displayName);
    const japanese = names.filter((name) => /[\u4e00-\u9fff]/.test(name));
    expect(japanese.length).toBeGreaterThan(names.length * 0.5);
    expect(names.some((name) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(name))).toBe(true);
    expect(names.some((name) => /[髙﨑邊齋]/.test(name))).toBe(true);
    expect(names.some((name) => name.includes('\u3000'))).toBe(true);
  });

  it('makes every person one identity: no two share an email, a handle or a Slack id', () => {
    const world = makeWorld(11, 20_000);
    const seen = new Map<string, number>();
    for (let i = 0; i < world.developers; i++) {
      const p = personAt(world, i);
      const keys = [
        p.email,
        p.altEmail,
        p.github && `gh:${p.github.toLowerCase()}`,
        p.x && `x:${p.x}`,
        p.slackId,
        p.connpass && `cp:${p.connpass}`,
        p.discord && `dc:${p.discord}`,
      ];
      for (const key of keys) {
        if (!key) continue;
        expect(seen.get(key), `${key} of ${i}`).toBeUndefined();
        seen.set(key, i);
      }
    }
  });

  it('writes the connpass export in CP932, losslessly, with a deleted user', () => {
    const file = first.files.find((f) => f.type === 'connpass');
    expect(file?.file).toBe('event_123456_participants.csv');
    const bytes = readFileSync(file?.path ?? '');
    const text = iconv.decode(bytes, 'cp932');
    // Every character survived: re-encoding gives the same bytes, and it is not UTF-8.
    expect(iconv.encode(text, 'cp932').equals(bytes)).toBe(true);
    expect(bytes.toString('utf8')).toContain('\uFFFD');
    expect(text.startsWith('参加枠名,ユーザー名,表示名,参加ステータス,出欠ステータス,更新日時,受付番号')).toBe(true);
    const rows = readCsv(file?.file ?? '', 'cp932');
    expect(rows.filter((r) => r['ユーザー名'] === '(退会ユーザー)')).toHaveLength(1);
    expect(rows.some((r) => r['参加ステータス'] === 'キャンセル')).toBe(true);
    expect(rows.some((r) => r['出欠ステータス'] === '出席')).toBe(true);
    expect(rows.every((r) => /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}時\d{2}分$/.test(r['更新日時'] ?? ''))).toBe(true);
    expect(file?.options).toMatchObject({ timezone: 'Asia/Tokyo', campaign: 'Tokyo Meetup 2024-05' });
  });

  it('makes the exports overlap with developers.csv', () => {
    const developers = readCsv('developers.csv');
    const githubs = new Set(developers.map((d) => d.github?.toLowerCase()).filter(Boolean));
    const slackIds = new Set(developers.map((d) => d.slack).filter(Boolean));
    const stars = readCsv('stargazers.csv');
    const slack = readCsv('slack-members.csv');
    const known = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;
    expect(known(stars.map((s) => githubs.has(s.login?.toLowerCase())))).toBeGreaterThan(0.8);
    expect(known(stars.map((s) => githubs.has(s.login?.toLowerCase())))).toBeLessThan(1);
    expect(known(slack.map((s) => slackIds.has(s.userid)))).toBeGreaterThan(0.8);
  });
});
