/**
 * `drm developers suggest|merge|unmerge` as a user runs them: JSON and human
 * output, exit 1 on a refused merge, exit 2 on usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drm } from '../helpers/cli';
import { createTestDatabase } from '../helpers/database';
import { queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('merges-cli');
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ url, drop } = await createTestDatabase());
  const file = writeCsv(
    dir.path,
    'developers.csv',
    'display_name,email,github,connpass\nTaro,taro@corp.example,taro-y,\nT. Y.,,,taro-y\nHanako,hanako@corp.example,,\n',
  );
  const imported = await drm(['import', file, '--type', 'developers', '--json', '--database-url', url]);
  expect(imported.code, imported.stderr).toBe(0);
});
afterAll(async () => {
  await drop?.();
  dir.remove();
});

describe('drm developers', () => {
  it('suggests, merges, refuses a second merge, and unmerges', async () => {
    const suggest = await drm(['developers', 'suggest', '--json', '--database-url', url]);
    expect(suggest.code, suggest.stderr).toBe(0);
    const suggestions = JSON.parse(suggest.stdout) as {
      a: { developerId: string };
      b: { developerId: string };
      score: number;
      evidence: { rule: string }[];
    }[];
    expect(suggestions.map((s) => [s.score, s.evidence.map((e) => e.rule)])).toEqual([[0.9, ['same_handle']]]);
    const { a, b } = suggestions[0]!;

    const human = await drm(['developers', 'suggest', '--database-url', url]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('score 0.90');
    expect(human.stdout).toContain('same_handle: ');
    expect(human.stdout).toContain(a.developerId);

    const merge = await drm([
      'developers',
      'merge',
      a.developerId,
      b.developerId,
      '--reason',
      'same handle',
      '--json',
      '--database-url',
      url,
    ]);
    expect(merge.code, merge.stderr).toBe(0);
    const { mergeId } = JSON.parse(merge.stdout) as { mergeId: string };
    const [log] = await queryRows<{ reason: string; from_developer_id: string }>(
      url,
      'select reason, from_developer_id from developer_merge_logs where merge_id = $1',
      [mergeId],
    );
    expect(log).toEqual({ reason: 'same handle', from_developer_id: b.developerId });

    const none = await drm(['developers', 'suggest', '--database-url', url]);
    expect(none.stdout.trim()).toBe('No merge suggestions.');

    const twice = await drm(['developers', 'merge', a.developerId, b.developerId, '--database-url', url]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`CONFLICT: Developer ${b.developerId} was already merged into ${a.developerId}`);

    const unmerge = await drm(['developers', 'unmerge', mergeId, '--database-url', url]);
    expect(unmerge.code, unmerge.stderr).toBe(0);
    expect(unmerge.stdout).toContain(`Undid merge ${mergeId}`);
    const back = await queryRows(url, 'select 1 from accounts where developer_id = $1', [b.developerId]);
    expect(back).toHaveLength(1);
  });

  it('explains usage errors with exit code 2', async () => {
    const missing = await drm(['developers', 'merge', '00000000-0000-4000-8000-000000000000', '--database-url', url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('drm developers merge <into> <from>');
    const notUuid = await drm(['developers', 'unmerge', 'abc', '--database-url', url]);
    expect(notUuid.code).toBe(2);
    const unknown = await drm(['developers', 'explode', '--database-url', url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown subcommand "explode"');
    const badLimit = await drm(['developers', 'suggest', '--limit', '0', '--database-url', url]);
    expect(badLimit.code).toBe(2);
  });
});
