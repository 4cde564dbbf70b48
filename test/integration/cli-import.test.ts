/**
 * `drm import` as a user runs it: JSON result, exit codes, type detection,
 * a mapping file, and clear usage errors.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drm } from '../helpers/cli';
import { createTestDatabase } from '../helpers/database';
import { writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('cli-import');
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ url, drop } = await createTestDatabase());
});
afterAll(async () => {
  await drop?.();
  dir.remove();
});

describe('drm import', () => {
  it('detects the type, imports, and prints the result as one JSON object (exit 0)', async () => {
    const file = writeCsv(dir.path, 'stars.csv', 'login,id,starred_at,repo\noctocat,583231,2024-05-01T10:00:00Z,example/sdk\n');
    const result = await drm(['import', file, '--json', '--database-url', url]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      status: 'succeeded',
      type: 'github-stars',
      encoding: 'utf-8',
      rowsRead: 1,
      rejected: 0,
      skipped: 0,
      duplicates: 0,
      inserted: { activities: 1, developers: 1, accounts: 1, identifiers: 0, organizations: 0, resources: 1, campaigns: 0, budgets: 0 },
      errors: [],
    });
    expect(json.jobId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports every bad row and exits 2 when the file is rejected', async () => {
    const file = writeCsv(
      dir.path,
      'bad.csv',
      'occurred_at,action,source,email\nnope,view,web,a@example.com\n2024-01-01,,web,b@example.com\n',
    );
    const result = await drm(['import', file, '--json', '--database-url', url]);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout);
    expect(json.status).toBe('rejected');
    expect(json.errors).toEqual([
      expect.objectContaining({ line: 2, column: 'occurred_at', value: 'nope' }),
      expect.objectContaining({ line: 3, column: 'action', value: '' }),
    ]);
    const human = await drm(['import', file, '--database-url', url]);
    expect(human.code).toBe(2);
    expect(human.stdout).toMatch(/rejected/);
    expect(human.stdout).toMatch(/line 2, occurred_at: /);
  });

  it('keeps its English text for every error, with the code and params a script can match (issue 11, defect 2)', async () => {
    const file = writeCsv(
      dir.path,
      'english.csv',
      'occurred_at,action,source,email,resource_title\nnope,view,web,a@example.com,\n2024-01-01,,web,b@example.com,Talk\n',
    );
    const human = await drm(['import', file, '--timezone', 'UTC', '--database-url', url]);
    expect(human.code).toBe(2);
    // The texts the CLI printed before errors had codes, word for word.
    expect(human.stdout).toContain(
      '  line 2, occurred_at: expected a date and time such as 2024-05-01T10:00:00+09:00, 2024-05-01 10:00, 2024/05/01 10:00 or 2024年5月1日 10時00分 ("nope")',
    );
    expect(human.stdout).toContain('  line 3, action: action is required ("")');
    expect(human.stdout).toContain('  line 3, resource_title: resource_category is required when resource_title is given ("Talk")');
    const json = JSON.parse((await drm(['import', file, '--timezone', 'UTC', '--json', '--database-url', url])).stdout);
    expect(json.errors.find((e: { column: string }) => e.column === 'action')).toEqual({
      line: 3,
      column: 'action',
      code: 'required',
      params: { field: 'action' },
      reason: 'action is required',
      value: '',
    });
    expect(json.earlyStop).toBeNull();
  });

  it('stops early and says why, with the summary in --json (issue 11, defect 1)', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `2024-05-01 10:00,view,web,u${i}@example.com,Talk`);
    const file = writeCsv(dir.path, 'early.csv', ['occurred_at,action,source,email,resource_title', ...rows].join('\n') + '\n');
    const result = await drm(['import', file, '--timezone', 'UTC', '--json', '--database-url', url]);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout);
    expect(json.status).toBe('rejected');
    expect(json.message).toMatch(/^Stopped after [\d,]+ rows: 1,000 rows had the same problem by line [\d,]+; nothing was imported\./);
    expect(json.earlyStop.kinds).toEqual([expect.objectContaining({ code: 'companion-required', column: 'resource_title' })]);
  });

  it('takes a mapping file, a source and a time zone', async () => {
    const file = writeCsv(dir.path, 'custom.csv', 'when,what,mail\n2024-05-01 09:00,signup,c@example.com\n');
    const mapping = join(dir.path, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ occurred_at: 'when', action: 'what', email: 'mail' }));
    const result = await drm([
      'import',
      file,
      '--type',
      'activities',
      '--mapping',
      mapping,
      '--source',
      'form',
      '--timezone',
      'Asia/Tokyo',
      '--json',
      '--database-url',
      url,
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).inserted.activities).toBe(1);
  });

  it('explains usage errors with exit code 2', async () => {
    const noFile = await drm(['import', '--database-url', url]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('give exactly one FILE');
    const badType = await drm(['import', 'x.csv', '--type', 'excel', '--database-url', url]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain('--type must be one of activities|developers');
    const unknown = writeCsv(dir.path, 'unknown.csv', 'foo,bar\n1,2\n');
    const undetected = await drm(['import', unknown, '--database-url', url]);
    expect(undetected.code).toBe(2);
    expect(undetected.stderr).toMatch(/cannot tell what unknown\.csv is .*give --type/);
  });

  it('refuses a path that is not a regular file, or none at all, with exit code 2', async () => {
    const folder = await drm(['import', dir.path, '--type', 'activities', '--database-url', url]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is not a regular file: folders, devices and pipes cannot be imported/);
    const missing = await drm(['import', join(dir.path, 'missing.csv'), '--database-url', url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read “missing\.csv” \(ENOENT\)/);
  });
});
