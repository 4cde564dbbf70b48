import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BackupEntry } from '../../../../src-shared/contract/backup';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import { backupMutations, useBackupProgress } from '../../queries/backup';
import { systemQueries } from '../../queries/system';
import { tenantQueries } from '../../queries/tenants';
import { BackupProgressBar } from './BackupProgressBar';
import { progressView, replacedCounts } from '../../lib/backup-view';

interface RestoreDialogProps {
  /** The backup to restore; null when the dialog is closed. */
  backup: BackupEntry | null;
  onClose(): void;
  onRestored(message: string): void;
}

/**
 * The confirmation names what is replaced (developers, activities and
 * campaigns now and in the backup), then restores by the backup's id. When it
 * is done the core answers from the restored data and every query refetches.
 */
export function RestoreDialog({ backup, onClose, onRestored }: RestoreDialogProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useQueryClient();
  const status = useQuery({ ...systemQueries.status(), enabled: backup !== null });
  // With several tenants the counts "now" are this tenant's. A data folder is restored whole; an external database
  // refuses the restore, and its error says why.
  const tenants = useQuery({ ...tenantQueries.list(), enabled: backup !== null }).data?.tenants.length ?? 1;
  const wholeFolder = tenants > 1 && status.data?.postgres.location.kind === 'embedded';
  const progress = progressView(useBackupProgress('restore'));
  const restore = useMutation({
    ...backupMutations.restore(),
    onSuccess: async (restored) => {
      const time = backup ? format.dateTime(new Date(backup.createdAt)) : '';
      onRestored(
        restored.safetyBackup ? t('backups.restored', { time, name: restored.safetyBackup }) : t('backups.restoredEmpty', { time }),
      );
      restore.reset();
      onClose();
      // Everything the app shows came from the data that was replaced.
      await client.invalidateQueries();
    },
  });
  const time = backup ? format.dateTime(new Date(backup.createdAt)) : '';
  return (
    <ConfirmDialog
      open={backup !== null}
      title={t('backups.confirm.title')}
      confirmLabel={t('backups.confirm.confirm')}
      cancelLabel={t('backups.confirm.cancel')}
      busy={restore.isPending}
      onConfirm={() => backup && restore.mutate(backup.id)}
      onCancel={() => {
        restore.reset();
        onClose();
      }}
    >
      {backup ? (
        <>
          <p>{t('backups.confirm.body', { time })}</p>
          {wholeFolder ? <p>{t('backups.confirm.everyTenant', { count: tenants })}</p> : null}
          <table className="data-table" aria-label={t('backups.confirm.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('backups.confirm.what')}</th>
                <th scope="col" className="num">
                  {t(tenants > 1 ? 'backups.confirm.nowTenant' : 'backups.confirm.now')}
                </th>
                <th scope="col" className="num">
                  {t('backups.confirm.inBackup')}
                </th>
              </tr>
            </thead>
            <tbody>
              {replacedCounts(status.data, backup).map((row) => (
                <tr key={row.key}>
                  <th scope="row">{t(`backups.confirm.${row.key}`)}</th>
                  <td className="num" data-testid={`now-${row.key}`}>
                    {row.now === null ? t('common.loading') : format.number(row.now)}
                  </td>
                  <td className="num" data-testid={`backup-${row.key}`}>
                    {format.number(row.inBackup)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {restore.isPending ? (
            <>
              <p className="hint">{t('backups.restoring')}</p>
              <BackupProgressBar view={progress} />
            </>
          ) : null}
          {restore.isError ? <ErrorAlert error={restore.error} /> : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
