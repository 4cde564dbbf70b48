import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../src-shared/contract/settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hasErrors } from '../../lib/form-values';
import { refreshAnalytics } from '../../queries/analytics';
import { settingsMutations, settingsQueries } from '../../queries/settings';
import { useDraftFields } from './draft-fields';
import { AttributionSection, ConversionSection, TimeZoneSection } from './GeneralSections';
import { settingsChanges, settingsDraft, settingsErrors, type SettingsDraft } from './settings-view';

/**
 * The conversion stage, the value of a conversion, attribution and the time
 * zone: one form, saved together, because each of them changes every number
 * and the core recomputes once.
 */
export function GeneralSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [submitted, setSubmitted] = useState(false);
  const errors = settingsErrors(draft);
  const changes = settingsChanges(settings, draft);
  const dirty = Object.keys(changes).length > 0;
  const save = useMutation({
    ...settingsMutations.update(),
    onSuccess: (next) => {
      client.setQueryData(settingsQueries.get().queryKey, next);
      refreshAnalytics(client);
    },
  });
  const fields = useDraftFields(id, draft, setDraft, errors, submitted);

  return (
    <form
      className="settings-form"
      noValidate
      aria-label={t('settings.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (!hasErrors(errors) && dirty) save.mutate(changes);
      }}
    >
      <ConversionSection settings={settings} fields={fields} />
      <AttributionSection fields={fields} />
      <TimeZoneSection settings={settings} fields={fields} />

      <div className="settings-actions">
        <button type="submit" disabled={save.isPending || !dirty}>
          {save.isPending ? t('settings.saving') : t('settings.save')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={save.isPending || !dirty}
          onClick={() => setDraft(settingsDraft(settings))}
        >
          {t('settings.discard')}
        </button>
        <p role="status" className={save.isPending ? 'loading' : 'saved-note'}>
          {save.isPending ? <span className="spinner" aria-hidden="true" /> : null}
          {save.isPending ? t('settings.recomputing') : save.isSuccess && !dirty ? t('settings.saved') : dirty ? t('settings.unsaved') : ''}
        </p>
      </div>
      {submitted && hasErrors(errors) ? (
        <p role="alert" className="field-error">
          {t('campaigns.form.fixErrors')}
        </p>
      ) : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </form>
  );
}
