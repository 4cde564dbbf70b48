import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeveloperProfile } from '../../../../src-shared/contract/developers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { developerMutations, developerQueries } from '../../queries/developers';
import { detailsChange, isEmailLike } from './profile-details';

/**
 * The profile's name, primary email and organization, edited in one form
 * behind a button; only what changed is sent. "Saved." is announced.
 */
export function ProfileDetails({ profile }: { profile: DeveloperProfile }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [draft, setDraft] = useState({ displayName: '', primaryEmail: '', organization: '' });
  const [badEmail, setBadEmail] = useState(false);
  const update = useMutation({
    ...developerMutations.update(profile.developerId),
    onSuccess: (next) => {
      queryClient.setQueryData(developerQueries.profile(profile.developerId).queryKey, next);
      setEditing(false);
      setSaved(true);
    },
  });

  const open = () => {
    setDraft({
      displayName: profile.displayName ?? '',
      primaryEmail: profile.primaryEmail ?? '',
      organization: profile.organization?.name ?? '',
    });
    setBadEmail(false);
    setSaved(false);
    update.reset();
    setEditing(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isEmailLike(draft.primaryEmail)) {
      setBadEmail(true);
      return;
    }
    const change = detailsChange(profile, draft);
    if (Object.keys(change).length === 0) {
      setEditing(false);
      return;
    }
    update.mutate(change);
  };

  const field = (key: keyof typeof draft, type: string, hint?: string, error?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>
        {t(`profileDetails.${key === 'displayName' ? 'name' : key === 'primaryEmail' ? 'email' : 'organization'}`)}
      </label>
      <input
        id={`${id}-${key}`}
        type={type}
        value={draft[key]}
        maxLength={key === 'primaryEmail' ? 320 : 200}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint || error ? `${id}-${key}-hint` : undefined}
        onChange={(e) => {
          setDraft({ ...draft, [key]: e.target.value });
          if (key === 'primaryEmail') setBadEmail(false);
        }}
      />
      {error || hint ? (
        <p id={`${id}-${key}-hint`} className={error ? 'field-error' : 'hint'}>
          {error ?? hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <section className="profile-section profile-details" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('profileDetails.title')}
      </h2>
      {editing ? (
        <form className="form-grid" onSubmit={submit} noValidate data-testid="profile-details-form">
          {field('displayName', 'text')}
          {field('primaryEmail', 'email', t('profileDetails.emailHint'), badEmail ? t('profileDetails.badEmail') : undefined)}
          {field('organization', 'text', t('profileDetails.organizationHint'))}
          <div className="button-row">
            <button type="submit" disabled={update.isPending}>
              {update.isPending ? t('profileDetails.saving') : t('profileDetails.save')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setEditing(false)} disabled={update.isPending}>
              {t('profileDetails.cancel')}
            </button>
          </div>
          {update.isError ? <ErrorAlert error={update.error} /> : null}
        </form>
      ) : (
        <button type="button" className="button-secondary" onClick={open}>
          {t('profileDetails.edit')}
        </button>
      )}
      <p role="status" className="muted">
        {saved && !editing ? t('profileDetails.saved') : ''}
      </p>
    </section>
  );
}
