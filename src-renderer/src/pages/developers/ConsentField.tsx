import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeveloperProfile } from '../../../../src-shared/contract/developers';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDeveloperLabel } from '../../components/developer-bits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { developerMutations, developerQueries } from '../../queries/developers';
import { consentSavedKey, consentStep } from './consent-view';

/** The analytics consent toggle: withdrawing is confirmed, and what was saved is said. */
export function ConsentField({ profile }: { profile: DeveloperProfile }) {
  const { t } = useTranslation();
  const id = useId();
  const name = useDeveloperLabel()(profile);
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const update = useMutation({
    ...developerMutations.update(profile.developerId),
    onSuccess: (next) => queryClient.setQueryData(developerQueries.profile(profile.developerId).queryKey, next),
    onSettled: () => setAsking(false),
  });

  const change = (checked: boolean) => {
    const step = consentStep(profile.consentAnalytics, checked);
    if (step?.kind === 'confirmWithdraw') setAsking(true);
    else if (step) update.mutate({ consentAnalytics: step.consent });
  };

  return (
    <>
      <div className="checkbox-field consent-field">
        <input
          id={`${id}-consent`}
          type="checkbox"
          checked={profile.consentAnalytics}
          disabled={update.isPending}
          aria-describedby={`${id}-consent-note`}
          onChange={(e) => change(e.target.checked)}
        />
        <label htmlFor={`${id}-consent`}>{t('profile.consent')}</label>
        <p id={`${id}-consent-note`} className="hint">
          {t('profile.consentNote')}
        </p>
      </div>
      <p role="status" className={update.isSuccess ? 'notice' : 'visually-hidden'}>
        {update.isPending ? t('profile.saving') : update.isSuccess ? t(consentSavedKey(profile.consentAnalytics), { name }) : ''}
      </p>
      {update.isError ? <ErrorAlert error={update.error} /> : null}
      <ConfirmDialog
        open={asking}
        title={t('profile.consentConfirmTitle', { name })}
        confirmLabel={update.isPending ? t('profile.saving') : t('profile.consentConfirm')}
        cancelLabel={t('profile.cancel')}
        busy={update.isPending}
        onConfirm={() => update.mutate({ consentAnalytics: false })}
        onCancel={() => setAsking(false)}
      >
        <p>{t('profile.consentConfirmBody')}</p>
      </ConfirmDialog>
    </>
  );
}
