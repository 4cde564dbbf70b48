/**
 * `drm backup [--out FILE] [--json]`: everything in one file, from one
 * snapshot (see core/backup/format.ts). `drm backup list` and `drm backup
 * settings` read and change the backup folder and schedule without starting
 * the database (so the folder can be changed when a start cannot back up).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { backupSchedules, type BackupEntry, type BackupSchedule } from '../../src-shared/contract/backup';
import { listBackups } from '../core/backup/folder';
import {
  backupFolder,
  backupHome,
  defaultBackupFolder,
  readBackupSettings,
  setBackupFolder,
  writeBackupSettings,
} from '../core/backup/settings';
import { resolveMigrationsDir } from '../core/paths';
import { asRefusal, formatBytes, progressLine, refuseMissingCluster } from './backup-common';
import { parseOptions, Refusal, resolveTarget, targetOptions, UsageError, withCore } from './context';

export async function backupCommand(args: string[]): Promise<number> {
  if (args[0] === 'list') return listCommand(args.slice(1));
  if (args[0] === 'settings') return settingsCommand(args.slice(1));
  const { values } = parseOptions(args, { ...targetOptions, out: { type: 'string' }, json: { type: 'boolean', default: false } });
  const out = values.out === undefined ? undefined : resolve(values.out);
  if (out !== undefined) {
    if (existsSync(out)) throw new Refusal(`${out} already exists; a backup never overwrites a file: choose another name`);
    if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) throw new Refusal(`the folder ${dirname(out)} does not exist`);
  }
  const target = resolveTarget(values);
  refuseMissingCluster(target.dataDir);
  const bar = process.stderr.isTTY && !values.json ? progressLine() : undefined;
  const created = await withCore(target, async (core) => {
    const off = core.events.on('backup:progress', (p) => bar?.update(p));
    try {
      return await asRefusal(() => core.backups.create({ out }));
    } finally {
      off();
      bar?.done();
    }
  });
  if (values.json) {
    console.log(
      JSON.stringify({ file: created.file, bytes: created.bytes, createdAt: created.createdAt, tables: created.tables }, null, 2),
    );
  } else {
    const rows = Object.values(created.tables).reduce((sum, n) => sum + n, 0);
    const n = new Intl.NumberFormat('en-US');
    console.log(
      `Backed up ${Object.keys(created.tables).length} tables (${n.format(rows)} rows) to ${created.file} (${formatBytes(created.bytes)}).`,
    );
  }
  return 0;
}

async function listCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { ...targetOptions, json: { type: 'boolean', default: false } });
  const folder = backupFolder(backupHome(resolveTarget(values)));
  const backups = await listBackups(folder, resolveMigrationsDir({ packaged: false }));
  if (values.json) {
    console.log(JSON.stringify({ folder, backups }, null, 2));
    return 0;
  }
  console.log(`Backups in ${folder}:`);
  if (backups.length === 0) console.log('  none yet (drm backup makes one)');
  for (const b of backups) console.log(`  ${describe(b)}`);
  return 0;
}

function describe(b: BackupEntry): string {
  const n = new Intl.NumberFormat('en-US');
  const counts = b.problem ?? `developers ${n.format(b.tables.developers ?? 0)}, activities ${n.format(b.tables.activities ?? 0)}`;
  return `${b.id}  ${b.kind}  ${formatBytes(b.bytes)}  ${counts}`;
}

async function settingsCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...targetOptions,
    folder: { type: 'string' },
    'default-folder': { type: 'boolean', default: false },
    schedule: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (values.folder !== undefined && values['default-folder']) throw new UsageError('give --folder DIR or --default-folder, not both');
  if (values.schedule !== undefined && !(backupSchedules as readonly string[]).includes(values.schedule)) {
    throw new UsageError(`--schedule must be ${backupSchedules.join(' or ')}, got "${values.schedule}"`);
  }
  const home = backupHome(resolveTarget(values));
  if (values.folder !== undefined) await asRefusal(async () => setBackupFolder(home, resolve(values.folder!)));
  if (values['default-folder'] || values.schedule !== undefined) {
    const stored = readBackupSettings(home);
    writeBackupSettings(home, {
      folder: values['default-folder'] ? null : stored.folder,
      schedule: (values.schedule as BackupSchedule | undefined) ?? stored.schedule,
    });
  }
  const stored = readBackupSettings(home);
  const view = { folder: backupFolder(home, stored), defaultFolder: defaultBackupFolder(home), schedule: stored.schedule };
  if (values.json) console.log(JSON.stringify(view, null, 2));
  else
    console.log(
      `Backup folder: ${view.folder}${stored.folder === null ? ' (the default)' : ''}\nDaily backup: ${view.schedule === 'daily' ? 'on' : 'off'}`,
    );
  return 0;
}
