import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../src-shared/contract/campaigns';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshAnalytics } from '../../queries/analytics';
import { campaignMutations } from '../../queries/campaigns';
import { campaignHref } from '../../routes';

export interface DeletedCampaign {
  name: string;
  undoToken: string;
}

interface DeleteCampaignDialogProps {
  /** The campaign to delete; null keeps the dialog closed. */
  campaign: Campaign | null;
  onClose(): void;
  onDeleted(deleted: DeletedCampaign): void;
}

/** Asks before deleting a campaign, its budget entries and its attributions (undoable for ten minutes). */
export function DeleteCampaignDialog({ campaign, onClose, onDeleted }: DeleteCampaignDialogProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const remove = useMutation({
    ...campaignMutations.delete<Campaign>(),
    onSuccess: ({ undoToken }, c) => {
      refreshAnalytics(client);
      onDeleted({ name: c.name, undoToken });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open={campaign !== null}
      title={t('campaigns.delete.title', { name: campaign?.name ?? '' })}
      confirmLabel={remove.isPending ? t('campaigns.delete.deleting') : t('campaigns.delete.confirm')}
      cancelLabel={t('campaigns.cancel')}
      busy={remove.isPending}
      onConfirm={() => campaign && remove.mutate(campaign)}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
    >
      <p>{t('campaigns.delete.body')}</p>
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
    </ConfirmDialog>
  );
}

/** "“X” was deleted. Undo": the token puts the campaign back with its budgets and attributions. */
export function UndoDeleteNotice({ deleted, onDismiss }: { deleted: DeletedCampaign; onDismiss(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const restore = useMutation({
    ...campaignMutations.restore(),
    onSuccess: () => refreshAnalytics(client),
  });
  return (
    <div className="notice undo-notice" role="status" data-testid="campaign-undo">
      {restore.isSuccess ? (
        <p>
          {t('campaigns.delete.restored', { name: restore.data.name })}{' '}
          <a href={campaignHref(restore.data.campaignId)}>{t('campaigns.open')}</a>
        </p>
      ) : (
        <p>
          {t('campaigns.delete.done', { name: deleted.name })}{' '}
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => restore.mutate({ undoToken: deleted.undoToken })}
            disabled={restore.isPending}
          >
            {restore.isPending ? t('campaigns.delete.undoing') : t('campaigns.delete.undo')}
          </button>
        </p>
      )}
      {restore.isError ? <ErrorAlert error={restore.error} /> : null}
      <button type="button" className="link-button dismiss" onClick={onDismiss} aria-label={t('campaigns.dismiss')}>
        ×
      </button>
    </div>
  );
}
