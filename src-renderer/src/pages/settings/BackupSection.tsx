import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, BackupSettings } from '../../../../src-shared/contract/backup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import { backupMutations, backupQueries, useBackupProgress, useBackupsFreshness } from '../../queries/backup';
import { BackupProgressBar } from './BackupProgressBar';
import { BackupTable, ShownPath, useShowInFolder } from './BackupTable';
import { progressView } from '../../lib/backup-view';
import { RestoreDialog } from './RestoreDialog';

/** Settings → Backups: where they go and when, Back up now, and every backup with Restore… and Show in folder. */
export function BackupSection({ scrollIntoView = false }: { scrollIntoView?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const client = useQueryClient();
  useBackupsFreshness();
  const list = useQuery(backupQueries.list());
  const settings = useQuery(backupQueries.settings());
  const progress = progressView(useBackupProgress('backup'));
  const create = useMutation({
    ...backupMutations.create(),
    onSuccess: () => client.invalidateQueries({ queryKey: backupQueries.all() }),
  });
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const [restored, setRestored] = useState('');
  const backups = list.data?.backups ?? [];
  const ref = useRef<HTMLElement>(null);
  const loaded = list.isSuccess && settings.isSuccess;
  // Once: a later refetch (the freshness poll) must not pull the page back while the user scrolls elsewhere.
  const scrolled = useRef(false);
  useEffect(() => {
    if (!scrollIntoView || !loaded || scrolled.current) return;
    scrolled.current = true;
    ref.current?.scrollIntoView({ block: 'start' });
  }, [scrollIntoView, loaded]);

  return (
    <section ref={ref} className="card settings-section" id="backups" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('backups.title')}</h2>
      <p className="hint">{t('backups.hint')}</p>
      {settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} retrying={settings.isFetching} />
      ) : null}
      {settings.data ? <BackupPlace settings={settings.data} /> : null}

      <div className="button-row backup-actions">
        <button type="button" onClick={() => create.mutate()} disabled={create.isPending}>
          {create.isPending ? t('backups.backingUp') : t('backups.backUpNow')}
        </button>
      </div>
      {create.isPending ? <BackupProgressBar view={progress} /> : null}
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <p role="status" className={create.isSuccess || restored ? 'saved-note' : 'visually-hidden'}>
        {create.isSuccess ? t('backups.created', { name: create.data.id, size: format.bytes(create.data.bytes) }) : restored}
      </p>

      {list.isPending ? <p className="loading">{t('backups.loading')}</p> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} /> : null}
      {list.isSuccess && backups.length === 0 ? (
        <div className="empty-state">
          <h3>{t('backups.emptyTitle')}</h3>
          <p>{t('backups.emptyBody')}</p>
        </div>
      ) : null}
      {backups.length > 0 ? (
        <BackupTable
          backups={backups}
          restoreDisabled={create.isPending || restoring !== null}
          onRestore={(backup) => {
            setRestored('');
            create.reset();
            setRestoring(backup);
          }}
        />
      ) : null}
      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} onRestored={setRestored} />
    </section>
  );
}

/** The folder (changed through the shell's own dialog, never typed here) and the daily schedule. */
function BackupPlace({ settings }: { settings: BackupSettings }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const client = useQueryClient();
  const show = useShowInFolder();
  const saved = (next: BackupSettings) => client.setQueryData(backupQueries.settings().queryKey, next);
  const update = useMutation({
    ...backupMutations.updateSettings(),
    onSuccess: (next) => {
      saved(next);
      void client.invalidateQueries({ queryKey: backupQueries.list().queryKey });
    },
  });
  const choose = useMutation({
    ...backupMutations.chooseFolder(),
    onSuccess: (next) => {
      saved(next);
      void client.invalidateQueries({ queryKey: backupQueries.list().queryKey });
    },
  });
  const isDefault = settings.folder === settings.defaultFolder;
  const failed = settings.lastAutomatic?.error ? settings.lastAutomatic : null;
  return (
    <div className="backup-place">
      <dl className="facts">
        <div>
          <dt>{t('backups.folder')}</dt>
          <dd>
            <code dir="ltr" data-testid="backup-folder">
              {settings.folder}
            </code>
            {isDefault ? <span className="muted"> {t('backups.isDefault')}</span> : null}
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={() => show.mutate(undefined)}>
          {t('backups.showFolder')}
        </button>
        {settings.canChooseFolder ? (
          <button type="button" className="button-secondary" onClick={() => choose.mutate()} disabled={choose.isPending}>
            {t('backups.changeFolder')}
          </button>
        ) : null}
        {!isDefault ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => update.mutate({ folder: 'default' })}
            disabled={update.isPending}
          >
            {t('backups.useDefault')}
          </button>
        ) : null}
      </div>
      {settings.canChooseFolder ? null : (
        <p className="hint">
          {t('backups.folderInBrowser')} <code dir="ltr">drm backup settings --folder DIR</code>
        </p>
      )}
      <ShownPath show={show} />
      {choose.isError ? <ErrorAlert error={choose.error} /> : null}
      <div className="checkbox-field">
        <input
          id={`${id}-daily`}
          type="checkbox"
          checked={settings.schedule === 'daily'}
          disabled={update.isPending}
          aria-describedby={`${id}-daily-hint`}
          onChange={(e) => update.mutate({ schedule: e.target.checked ? 'daily' : 'off' })}
        />
        <label htmlFor={`${id}-daily`}>{t('backups.daily')}</label>
        <p className="hint" id={`${id}-daily-hint`}>
          {t('backups.dailyHint')}
        </p>
      </div>
      {update.isError ? <ErrorAlert error={update.error} /> : null}
      {failed ? (
        <p className="field-error" role="alert">
          {t('backups.lastAutomaticFailed', { time: format.dateTime(new Date(failed.at)), message: failed.error })}
        </p>
      ) : null}
    </div>
  );
}
