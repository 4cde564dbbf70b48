/**
 * `drm restore FILE [--replace] [--json]`: all or nothing. The file is read
 * through and checked before anything is created or started, so a damaged,
 * cut-short, foreign or too-new file changes nothing (exit 2). A data folder
 * without a database gets one, and loses it again if the restore fails. A
 * database with data is replaced only with --replace, after a safety backup.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupLevel } from '../core/backup/compat';
import { verifyBackup } from '../core/backup/read';
import { readMigrations } from '../core/db/migrate';
import { resolveMigrationsDir } from '../core/paths';
import { asRefusal, progressLine } from './backup-common';
import { parseOptions, Refusal, resolveTarget, targetOptions, UsageError, withCore } from './context';

export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { ...targetOptions, replace: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('give exactly one backup FILE (drm restore FILE [--replace] [--json])');
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new Refusal(`${file} does not exist`);
  await asRefusal(async () => backupLevel(await verifyBackup(file), readMigrations(resolveMigrationsDir({ packaged: false }))));

  const target = resolveTarget(values);
  const created = target.dataDir === undefined ? undefined : createdByUs(target.dataDir);
  const bar = process.stderr.isTTY && !values.json ? progressLine() : undefined;
  let restored;
  try {
    restored = await withCore(target, async (core) => {
      const off = core.events.on('backup:progress', (p) => bar?.update(p));
      try {
        return await asRefusal(() => core.backups.restore(file, { replace: values.replace }));
      } finally {
        off();
        bar?.done();
      }
    });
  } catch (error) {
    // The core has stopped: a data folder made for this restore goes again.
    created?.remove();
    throw error;
  }
  if (restored.safetyBackup) process.stderr.write(`The data that was replaced is backed up in ${restored.safetyBackup}\n`);
  if (values.json) {
    const { tables, migrations, derivedRebuilt, safetyBackup } = restored;
    console.log(JSON.stringify({ file, tables, migrations, derivedRebuilt, safetyBackup }, null, 2));
  } else {
    const rows = Object.values(restored.tables).reduce((sum, n) => sum + n, 0);
    const forward = restored.migrations.length > 0 ? ` Migrated forward: ${restored.migrations.join(', ')}.` : '';
    console.log(
      `Restored ${file}: ${Object.keys(restored.tables).length} tables, ${new Intl.NumberFormat('en-US').format(rows)} rows; derived tables rebuilt.${forward}`,
    );
  }
  return 0;
}

/** When `dataDir` holds no database yet, what this command will add to it, to remove on failure. */
function createdByUs(dataDir: string): { remove(): void } | undefined {
  if (existsSync(join(dataDir, 'pgdata'))) return undefined;
  const existed = existsSync(dataDir);
  const before = new Set(existed ? readdirSync(dataDir) : []);
  return {
    remove() {
      if (!existed) return rmSync(dataDir, { recursive: true, force: true });
      for (const entry of readdirSync(dataDir)) if (!before.has(entry)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    },
  };
}
