/**
 * Backups as the app uses them, through the `backup:*` channels: back up now
 * with progress, list, restore by id (the core comes back on the restored
 * data, every table announced as changed, calls made meanwhile answered from
 * it), never a path from the renderer, and the shell's capabilities.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BackupProgress } from '../../src-shared/contract/backup';
import { startCore, type Core } from '../../src-main/core';
import { loadSample, ok, useBackupCore } from '../helpers/backup';
import { flipBit, middleOfData } from '../helpers/backup-file';
import { createTestDatabase } from '../helpers/database';
import { shippedMigrations } from '../helpers/migrations';

const backup = useBackupCore('backup-app');
const shell = { showItemInFolder: vi.fn(), chooseFolder: vi.fn<() => Promise<string | undefined>>() };
const call = ok;

async function campaignNames(c: Core = backup.core): Promise<string[]> {
  return (await call(c.handlers['campaigns:list']({}))).map((x) => x.name).sort();
}

describe('Settings → Backups', () => {
  it('starts with no backups and says where they will go', async () => {
    expect(await call(backup.core.handlers['backup:list']({}))).toEqual({ folder: backup.folder, backups: [] });
    expect(await call(backup.core.handlers['backup:get-settings']({}))).toEqual({
      folder: backup.folder,
      defaultFolder: backup.folder,
      schedule: 'daily',
      canChooseFolder: false,
      canShowInFolder: false,
      lastAutomatic: null,
    });
  });

  it('backs up now with progress, and lists the backup with its counts', async () => {
    await loadSample(backup.core);
    const progress: BackupProgress[] = [];
    const off = backup.core.events.on('backup:progress', (p) => progress.push(p));
    const created = await call(backup.core.handlers['backup:create']({}));
    off();
    expect(created.id).toMatch(/^drm-backup-.*-manual\.drmbackup$/);
    expect(progress[0]).toMatchObject({ operation: 'backup', phase: 'copying' });
    expect(progress.at(-1)).toMatchObject({ operation: 'backup', phase: 'done', message: created.id });
    expect(progress.some((p) => p.table === 'activities' && p.bytesDone > 0)).toBe(true);

    const { backups } = await call(backup.core.handlers['backup:list']({}));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({
      id: created.id,
      kind: 'manual',
      bytes: created.bytes,
      problem: null,
      migration: shippedMigrations().at(-1),
    });
    expect(backups[0]!.tables.developers).toBeGreaterThan(0);
    expect(backups[0]!.tables.campaigns).toBe((await campaignNames()).length);
  });

  it('restores by id: the deleted campaign is back, every table announced, calls made meanwhile see the restored data', async () => {
    const before = await campaignNames();
    const { backups } = await call(backup.core.handlers['backup:list']({}));
    const victim = (await call(backup.core.handlers['campaigns:list']({}))).find((c) => c.name === before[0])!;
    await call(backup.core.handlers['campaigns:delete']({ campaignId: victim.campaignId }));
    expect(await campaignNames()).not.toContain(victim.name);

    const changed: string[][] = [];
    const offChanged = backup.core.events.on('db:changed', ({ tables }) => changed.push(tables));
    let during: Promise<string[]> | undefined;
    const offProgress = backup.core.events.on('backup:progress', (p) => {
      if (p.operation === 'restore' && p.phase === 'loading' && !during) during = campaignNames();
    });
    const restored = await call(backup.core.handlers['backup:restore']({ id: backups[0]!.id }));
    offChanged();
    offProgress();

    expect(restored).toMatchObject({ id: backups[0]!.id, migrations: [], derivedRebuilt: true });
    expect(restored.safetyBackup).toMatch(/-pre-restore\.drmbackup$/);
    expect(await campaignNames()).toEqual(before);
    expect(await during).toEqual(before);
    expect(changed.flat()).toEqual(
      expect.arrayContaining([
        'campaigns',
        'activities',
        'developers',
        'app.tenant_settings',
        'derived.developer_search',
        'derived.campaign_daily',
      ]),
    );

    const listed = (await call(backup.core.handlers['backup:list']({}))).backups;
    expect(listed.map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
    expect(listed.find((b) => b.kind === 'pre-restore')!.tables.campaigns).toBe(before.length - 1);
  });

  it('never takes a path: ids outside the folder, or not regular files in it, are refused', async () => {
    const before = await campaignNames();
    mkdirSync(join(backup.dir, 'elsewhere'), { recursive: true });
    writeFileSync(join(backup.dir, 'elsewhere', 'x.drmbackup'), 'x');
    symlinkSync(join(backup.dir, 'elsewhere', 'x.drmbackup'), join(backup.folder, 'link.drmbackup'));
    for (const id of [
      '../elsewhere/x.drmbackup',
      `${backup.folder}/link.drmbackup`,
      '..',
      '.hidden.drmbackup',
      'link.drmbackup',
      'missing.drmbackup',
      'a\\..\\b.drmbackup',
    ]) {
      const result = await backup.core.handlers['backup:restore']({ id });
      expect(result.ok, id).toBe(false);
      if (!result.ok) expect(['BAD_INPUT', 'NOT_FOUND'], id).toContain(result.error.code);
      const shown = await backup.core.handlers['backup:show-in-folder']({ id });
      expect(shown.ok, id).toBe(false);
    }
    expect(await campaignNames()).toEqual(before);
  });

  it('lists a damaged backup with its problem, and refuses to restore it', async () => {
    const { backups } = await call(backup.core.handlers['backup:list']({}));
    const good = backups.find((b) => b.kind === 'manual')!;
    flipBit(join(backup.folder, good.id), join(backup.folder, 'damaged-copy.drmbackup'), middleOfData(join(backup.folder, good.id)));
    const damaged = (await call(backup.core.handlers['backup:list']({}))).backups.find((b) => b.id === 'damaged-copy.drmbackup')!;
    // The list reads only the manifest; the restore reads everything.
    expect(damaged.problem).toBeNull();
    const before = await campaignNames();
    const result = await backup.core.handlers['backup:restore']({ id: damaged.id });
    expect(result.ok ? 'restored' : result.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/is damaged/) });
    expect(await campaignNames()).toEqual(before);

    writeFileSync(join(backup.folder, 'cut.drmbackup'), Buffer.alloc(10));
    const cut = (await call(backup.core.handlers['backup:list']({}))).backups.find((b) => b.id === 'cut.drmbackup')!;
    expect(cut.problem).toMatch(/not a DRM Desktop backup/);
  });

  it('without shell capabilities: no folder picker, the path to show instead', async () => {
    const chosen = await backup.core.handlers['backup:choose-folder']({});
    expect(chosen.ok ? 'chosen' : chosen.error.code).toBe('UNAVAILABLE');
    expect(await call(backup.core.handlers['backup:show-in-folder']({}))).toEqual({ shown: false, path: backup.folder });
    const off = await call(backup.core.handlers['backup:update-settings']({ schedule: 'off' }));
    expect(off.schedule).toBe('off');
    expect((await call(backup.core.handlers['backup:get-settings']({}))).schedule).toBe('off');
  });
});

describe('with the Electron shell capabilities', () => {
  it('shows a backup in the file manager and takes a folder from the dialog', async () => {
    const db2 = await createTestDatabase();
    const state2 = join(backup.dir, 'state2');
    const withShell = await startCore({ databaseUrl: db2.url, stateDir: state2, shell });
    try {
      const settings = await call(withShell.handlers['backup:get-settings']({}));
      expect(settings).toMatchObject({ canChooseFolder: true, canShowInFolder: true });
      const picked = join(backup.dir, 'picked');
      shell.chooseFolder.mockResolvedValueOnce(picked);
      expect((await call(withShell.handlers['backup:choose-folder']({}))).folder).toBe(picked);
      shell.chooseFolder.mockResolvedValueOnce(undefined);
      expect((await call(withShell.handlers['backup:choose-folder']({}))).folder).toBe(picked);
      const created = await call(withShell.handlers['backup:create']({}));
      expect(created.file).toBe(join(picked, created.id));
      expect(await call(withShell.handlers['backup:show-in-folder']({ id: created.id }))).toEqual({ shown: true, path: created.file });
      expect(shell.showItemInFolder).toHaveBeenCalledWith(created.file);
      expect((await call(withShell.handlers['backup:update-settings']({ folder: 'default' }))).folder).toBe(join(state2, 'backups'));
    } finally {
      await withShell.stop();
      await db2.drop();
    }
  });
});
