import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry } from '../../../../src-shared/contract/backup';
import { backupMutations } from '../../queries/backup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import { backupRows } from '../../lib/backup-view';

interface BackupTableProps {
  backups: BackupEntry[];
  onRestore(backup: BackupEntry): void;
  restoreDisabled: boolean;
}

/** The backups, newest first, with Restore… and Show in folder on each. */
export function BackupTable({ backups, onRestore, restoreDisabled }: BackupTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const show = useShowInFolder();
  const rows = backupRows({ folder: '', backups });
  return (
    <>
      <div className="table-scroll">
        <table className="data-table backup-table" aria-label={t('backups.listLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('backups.columns.createdAt')}</th>
              <th scope="col">{t('backups.columns.kind')}</th>
              <th scope="col" className="num">
                {t('backups.columns.size')}
              </th>
              <th scope="col" className="num">
                {t('backups.columns.developers')}
              </th>
              <th scope="col" className="num">
                {t('backups.columns.activities')}
              </th>
              <th scope="col">{t('backups.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const time = format.dateTime(row.createdAt);
              return (
                <tr key={row.id} data-testid="backup-row">
                  <th scope="row">
                    <time dateTime={row.createdAt.toISOString()}>{time}</time>
                    {row.problem ? <p className="field-error backup-problem">{t('backups.problem', { message: row.problem })}</p> : null}
                  </th>
                  <td>{t(`backups.kinds.${row.kind}`)}</td>
                  <td className="num">{format.bytes(row.bytes)}</td>
                  <td className="num">{row.problem ? t('common.none') : format.number(row.developers)}</td>
                  <td className="num">{row.problem ? t('common.none') : format.number(row.activities)}</td>
                  <td>
                    <div className="button-row">
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t('backups.restoreOf', { time })}
                        disabled={restoreDisabled || row.problem !== null}
                        onClick={() => onRestore(backups[i]!)}
                      >
                        {t('backups.restore')}
                      </button>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t('backups.showInFolderOf', { time })}
                        onClick={() => show.mutate(row.id)}
                      >
                        {t('backups.showInFolder')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ShownPath show={show} />
    </>
  );
}

/** "Show in folder": the shell opens the file manager (Electron); a browser gets the path to show and copy. */
export function useShowInFolder() {
  return useMutation(backupMutations.showInFolder());
}

export function ShownPath({ show }: { show: ReturnType<typeof useShowInFolder> }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<string | null>(null);
  if (show.isError) return <ErrorAlert error={show.error} />;
  const shown = show.data;
  if (!shown || shown.shown) return null;
  return (
    <div className="shown-path">
      <p className="field">
        <span className="label">{t('backups.path')}</span>
        <code dir="ltr" data-testid="backup-path">
          {shown.path}
        </code>
      </p>
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          void navigator.clipboard?.writeText(shown.path).then(
            () => setCopied(shown.path),
            () => setCopied(null),
          )
        }
      >
        {t('backups.copyPath')}
      </button>
      <span role="status" className="muted">
        {copied === shown.path ? t('backups.copied') : ''}
      </span>
    </div>
  );
}
