/**
 * The core's start removes the funnel cells a crashed refresh left in the OS
 * temp folder (derived/cell-spill.ts, files/abandoned.ts), even when no
 * refresh of that size runs again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import { createTestDatabase } from '../helpers/database';

describe('the core, as it starts', () => {
  it("removes a crashed refresh's cells", async () => {
    const ended = spawnSync(process.execPath, ['-e', '']).pid!;
    const left = join(tmpdir(), `drm-funnel-cells-${ended}-e4F5g6`);
    mkdirSync(left);
    writeFileSync(join(left, '3'), 'cells');
    const database = await createTestDatabase();
    try {
      const core = await startCore({ databaseUrl: database.url });
      await core.stop();
      expect(existsSync(left)).toBe(false);
    } finally {
      await database.drop();
    }
  });
});
