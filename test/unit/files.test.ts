import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../src-main/core/errors';
import { writeFileAtomic } from '../../src-main/core/files/atomic-write';
import { ensureFreeSpace, freeBytes } from '../../src-main/core/files/free-space';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'drm-files-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the content whole, with the given mode, and leaves no temp file', () => {
    const dir = fresh();
    const file = join(dir, 'credentials.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, '{"new":true}', 0o600);
    expect(readFileSync(file, 'utf8')).toBe('{"new":true}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['credentials.json']);
  });

  it('leaves the old file untouched when the write cannot happen', () => {
    const dir = fresh();
    const file = join(dir, 'state.json');
    writeFileSync(file, 'old');
    expect(() => writeFileAtomic(join(dir, 'missing-folder', 'x.json'), 'new')).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});

describe('ensureFreeSpace', () => {
  it('passes when enough is free and refuses with the folder and both sizes otherwise', async () => {
    const dir = fresh();
    expect(await freeBytes(dir)).toBeGreaterThan(0);
    await expect(ensureFreeSpace(dir, 10, 'the import', 1_000)).resolves.toBeUndefined();
    const refusal = await ensureFreeSpace(dir, 5 * 1024 ** 2, 'the backup', 1024 ** 2).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CoreError);
    expect((refusal as CoreError).message).toContain(dir);
    expect((refusal as CoreError).message).toMatch(/the backup: .* 1 MB free, about 5 MB is needed/);
    expect((refusal as CoreError).details).toMatchObject({ reason: 'disk-full', neededBytes: 5 * 1024 ** 2, freeBytes: 1024 ** 2 });
  });
});
