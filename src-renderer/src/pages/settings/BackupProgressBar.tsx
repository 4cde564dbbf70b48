import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../format';
import type { ProgressView } from '../../lib/backup-view';

/** What a backup or restore is doing now, as a bar and a sentence (read out in tens of percent). */
export function BackupProgressBar({ view }: { view: ProgressView | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const sentence = view ? t(`backups.progress.${view.message}`, { table: view.table ?? '' }) : t('backups.progress.copyingStart');
  const percent = view?.fraction == null ? '' : ` ${format.percent(Math.floor(view.fraction * 10) / 10)}`;
  return (
    <div className="backup-progress">
      <p role="status" aria-live="polite">
        {sentence}
        <span className="visually-hidden">{percent}</span>
      </p>
      {view?.fraction == null ? (
        <progress aria-label={t('backups.progress.label')} />
      ) : (
        <progress aria-label={t('backups.progress.label')} value={view.fraction} max={1} />
      )}
    </div>
  );
}
