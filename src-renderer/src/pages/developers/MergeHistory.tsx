import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeHistoryEntry } from '../../../../src-shared/contract/merges';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Who } from '../../components/Who';
import { useFormatters } from '../../format';
import { developerMutations, developerQueries } from '../../queries/developers';
import { developerHref } from '../../routes';
import { canUndo, historyLine, sortHistory } from './merge-history-view';
import { parseTime } from '../../lib/time';

export function MergeHistory({ developerId }: { developerId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const queryClient = useQueryClient();
  const query = useQuery(developerQueries.merges(developerId));
  const [asking, setAsking] = useState<MergeHistoryEntry | null>(null);
  const undo = useMutation({
    ...developerMutations.unmerge(),
    onSettled: () => {
      setAsking(null);
      void queryClient.invalidateQueries({ queryKey: developerQueries.all() });
    },
  });
  const nameOf = (name: string | null) => name ?? t('profile.unknownName');

  return (
    <section className="profile-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('profile.history')}</h2>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {undo.isError ? <ErrorAlert error={undo.error} /> : null}
      {undo.isSuccess ? (
        <p role="status" className="notice">
          {t('profile.undoDone')}
        </p>
      ) : null}
      {query.data && query.data.length === 0 ? <p className="muted">{t('profile.noHistory')}</p> : null}
      {query.data && query.data.length > 0 ? (
        <ul className="merge-history" data-testid="merge-history">
          {sortHistory(query.data).map((entry) => {
            const at = parseTime(entry.mergedAt);
            const line = historyLine(entry, t('profile.unknownName'));
            const other = entry.fromDeveloperId === developerId ? entry.intoDeveloperId : entry.fromDeveloperId;
            return (
              <li key={entry.mergeId}>
                <div>
                  <a href={developerHref(other)}>{t(line.key, line.vars)}</a>
                  <span className="muted"> · {at ? format.dateTime(at) : entry.mergedAt}</span>
                  <span className="muted" data-testid="merge-by">
                    {' · '}
                    {t('audit.by')} <Who user={entry.mergedBy} />
                  </span>
                  {entry.reason ? <p className="hint">{t('profile.reason', { reason: entry.reason })}</p> : null}
                </div>
                {canUndo(entry) ? (
                  <button type="button" className="button-secondary" onClick={() => setAsking(entry)} disabled={undo.isPending}>
                    {t('profile.undo')}
                  </button>
                ) : entry.action === 'merge' ? (
                  <span className="badge">{t('profile.undoneBadge')}</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={t('profile.confirmUndoTitle')}
        confirmLabel={undo.isPending ? t('profile.undoing') : t('profile.confirmUndo')}
        cancelLabel={t('profile.cancel')}
        busy={undo.isPending}
        onConfirm={() => asking && undo.mutate(asking.mergeId)}
        onCancel={() => setAsking(null)}
      >
        <p>{t('profile.confirmUndoBody', { from: nameOf(asking?.fromName ?? null) })}</p>
      </ConfirmDialog>
    </section>
  );
}
