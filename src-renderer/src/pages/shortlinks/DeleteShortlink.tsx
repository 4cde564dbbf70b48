import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Shortlink } from '../../../../src-shared/contract/shortlinks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { shortlinkMutations, shortlinkQueries } from '../../queries/shortlinks';

export interface DeletedShortlink {
  key: string;
  undoToken: string;
}

/** Asks before deleting a link (undoable for ten minutes). */
export function DeleteShortlinkDialog({
  link,
  onClose,
  onDeleted,
}: {
  link: Shortlink | null;
  onClose(): void;
  onDeleted(deleted: DeletedShortlink): void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const remove = useMutation({
    ...shortlinkMutations.delete(),
    onSuccess: (deleted) => {
      void client.invalidateQueries({ queryKey: shortlinkQueries.all() });
      onDeleted(deleted);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open={link !== null}
      title={t('shortlinks.deleteDialog.title', { key: link?.key ?? '' })}
      confirmLabel={remove.isPending ? t('shortlinks.deleteDialog.deleting') : t('shortlinks.deleteDialog.confirm')}
      cancelLabel={t('shortlinks.cancel')}
      busy={remove.isPending}
      onConfirm={() => link && remove.mutate({ shortlinkId: link.shortlinkId })}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
    >
      <p>{t('shortlinks.deleteDialog.body')}</p>
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
    </ConfirmDialog>
  );
}

/** "X was deleted. Undo": the token puts the same link back. */
export function UndoDeleteNotice({ deleted, onDismiss }: { deleted: DeletedShortlink; onDismiss(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const restore = useMutation({
    ...shortlinkMutations.restore(),
    onSuccess: () => void client.invalidateQueries({ queryKey: shortlinkQueries.all() }),
  });
  return (
    <div className="notice undo-notice" role="status" data-testid="shortlink-undo">
      {restore.isSuccess ? (
        <p>{t('shortlinks.deleteDialog.restored', { key: restore.data.key })}</p>
      ) : (
        <p>
          {t('shortlinks.deleteDialog.done', { key: deleted.key })}{' '}
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => restore.mutate({ undoToken: deleted.undoToken })}
            disabled={restore.isPending}
          >
            {restore.isPending ? t('shortlinks.deleteDialog.undoing') : t('shortlinks.deleteDialog.undo')}
          </button>
        </p>
      )}
      {restore.isError ? <ErrorAlert error={restore.error} /> : null}
      <button type="button" className="link-button dismiss" onClick={onDismiss} aria-label={t('shortlinks.dismiss')}>
        ×
      </button>
    </div>
  );
}
