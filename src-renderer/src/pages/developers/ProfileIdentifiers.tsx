import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeveloperProfile } from '../../../../src-shared/contract/developers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../api';
import { developerQueries } from '../../queries/developers';

type Identifier = DeveloperProfile['identifiers'][number];
type Notice = { value: string; count: number; undoToken: string } | { value: string; relinked: true };

/**
 * The identifiers a developer is known by. A click id (a short link's anonymous
 * id, linked when a sign-up carried it) can be unlinked: after a confirmation
 * its anonymous activities go back to anonymous, and a notice offers Undo.
 */
export function ProfileIdentifiers({ developerId, identifiers }: { developerId: string; identifiers: Identifier[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Identifier | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: developerQueries.all() });
  const unlink = useMutation({
    mutationKey: ['developers:unlink-identifier'],
    mutationFn: (i: Identifier) => api.call('developers:unlink-identifier', { developerId, kind: 'click_id', value: i.value }),
    onSuccess: (result, i) => setNotice({ value: i.value, count: result.activities, undoToken: result.undoToken }),
    onSettled: () => {
      setAsking(null);
      refresh();
    },
  });
  const undo = useMutation({
    mutationKey: ['developers:undo-unlink-identifier'],
    mutationFn: (undoToken: string) => api.call('developers:undo-unlink-identifier', { undoToken }),
    onSuccess: () => setNotice((n) => n && { value: n.value, relinked: true }),
    onSettled: refresh,
  });
  const kindLabel = (kind: string) => t(`profile.identifierKinds.${kind}`, { defaultValue: kind });

  return (
    <section aria-labelledby="identifiers-title" className="profile-section">
      <h2 id="identifiers-title">{t('profile.identifiers')}</h2>
      {unlink.isError ? <ErrorAlert error={unlink.error} /> : null}
      {undo.isError ? <ErrorAlert error={undo.error} /> : null}
      {notice ? (
        <div role="status" className="notice" data-testid="unlink-notice">
          {'relinked' in notice ? (
            <p>{t('profile.relinked', { value: notice.value })}</p>
          ) : (
            <>
              <p>{t('profile.unlinked', { value: notice.value, count: notice.count })}</p>
              <button type="button" onClick={() => undo.mutate(notice.undoToken)} disabled={undo.isPending}>
                {undo.isPending ? t('profile.undoing') : t('profile.undo')}
              </button>
            </>
          )}
        </div>
      ) : null}
      {identifiers.length === 0 ? (
        <p className="muted">{t('profile.noIdentifiers')}</p>
      ) : (
        <table className="data-table" aria-labelledby="identifiers-title" data-testid="identifiers">
          <thead>
            <tr>
              <th scope="col">{t('profile.identifierKind')}</th>
              <th scope="col">{t('profile.identifierValue')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('profile.identifierActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {identifiers.map((i) => (
              <tr key={`${i.kind}:${i.value}`}>
                <td>{kindLabel(i.kind)}</td>
                <td className="value-cell">{i.value}</td>
                <td>
                  {i.kind === 'click_id' ? (
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t('profile.unlinkLabel', { value: i.value })}
                      onClick={() => setAsking(i)}
                      disabled={unlink.isPending}
                    >
                      {t('profile.unlink')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={t('profile.unlinkTitle')}
        confirmLabel={unlink.isPending ? t('profile.unlinking') : t('profile.unlink')}
        cancelLabel={t('profile.cancel')}
        busy={unlink.isPending}
        onConfirm={() => asking && unlink.mutate(asking)}
        onCancel={() => setAsking(null)}
      >
        <p>{t('profile.unlinkBody', { value: asking?.value ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
