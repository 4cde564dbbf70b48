import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeveloperProfile } from '../../../../src-shared/contract/developers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { developerMutations, developerQueries } from '../../queries/developers';
import { ConsentField } from './ConsentField';
import { addTag, removeTag } from './developer-view';

type TagError = 'empty' | 'tooLong' | 'duplicate' | 'tooMany';

/** Tags (chips, saved at each change) and the analytics consent toggle. */
export function ProfileEditor({ profile }: { profile: DeveloperProfile }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const [tagError, setTagError] = useState<TagError | null>(null);

  const update = useMutation({
    ...developerMutations.update(profile.developerId),
    onSuccess: (next) => queryClient.setQueryData(developerQueries.profile(profile.developerId).queryKey, next),
  });

  const submitTag = (event: FormEvent) => {
    event.preventDefault();
    const edit = addTag(profile.tags, draft);
    if (!edit.ok) {
      setTagError(edit.reason);
      return;
    }
    setTagError(null);
    setDraft('');
    update.mutate({ tags: edit.tags });
  };

  return (
    <section className="profile-section profile-editor" aria-labelledby={`${id}-tags-title`}>
      <h2 id={`${id}-tags-title`}>{t('profile.tags')}</h2>
      {profile.tags.length === 0 ? (
        <p className="muted">{t('profile.noTags')}</p>
      ) : (
        <ul className="chip-list tag-chips" aria-labelledby={`${id}-tags-title`}>
          {profile.tags.map((tag) => (
            <li key={tag} className="chip chip-removable">
              <span>{tag}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={t('profile.removeTag', { tag })}
                disabled={update.isPending}
                onClick={() => update.mutate({ tags: removeTag(profile.tags, tag) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="tag-form" onSubmit={submitTag} noValidate>
        <label htmlFor={`${id}-tag`}>{t('profile.newTag')}</label>
        <input
          id={`${id}-tag`}
          type="text"
          value={draft}
          maxLength={60}
          aria-invalid={tagError ? true : undefined}
          aria-describedby={tagError ? `${id}-tag-error` : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setTagError(null);
          }}
        />
        <button type="submit" className="button-secondary" disabled={update.isPending}>
          {t('profile.addTag')}
        </button>
        {update.isPending ? (
          <span role="status" className="muted">
            {t('profile.saving')}
          </span>
        ) : null}
      </form>
      {tagError ? (
        <p id={`${id}-tag-error`} role="alert" className="field-error">
          {t(`profile.tagErrors.${tagError}`)}
        </p>
      ) : null}
      <ConsentField profile={profile} />
      {update.isError ? <ErrorAlert error={update.error} /> : null}
    </section>
  );
}
