import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attributionModels, type AttributionModelName, type Settings } from '../../../../src-shared/contract/settings';
import { byOrder } from '../../analytics/chart-data';
import { useStageName } from '../../analytics/use-stage-name';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshAnalytics } from '../../queries/analytics';
import { settingsQueries } from '../../queries/settings';
import { hasErrors } from '../../lib/form-values';
import { settingsChanges, settingsDraft, settingsErrors, timeZoneOptions, type SettingsDraft } from './settings-view';

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * The conversion stage, the value of a conversion, attribution and the time
 * zone: one form, saved together, because each of them changes every number
 * and the core recomputes once.
 */
// eslint-disable-next-line max-lines-per-function -- split in issue 10 wave B
export function GeneralSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const stageName = useStageName();
  const client = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [submitted, setSubmitted] = useState(false);
  const zones = useMemo(() => timeZoneOptions(supportedZones(), settings.timeZoneSetting), [settings.timeZoneSetting]);
  const errors = settingsErrors(draft);
  const changes = settingsChanges(settings, draft);
  const dirty = Object.keys(changes).length > 0;
  const save = useMutation({
    mutationFn: () => api.call('settings:update', changes),
    onSuccess: (next) => {
      client.setQueryData(settingsQueries.get().queryKey, next);
      refreshAnalytics(client);
    },
  });
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => setDraft({ ...draft, [key]: value });
  const error = (key: keyof typeof errors) => (submitted ? errors[key] : undefined);
  const invalid = (key: keyof typeof errors) =>
    error(key) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${key}-error` } : {};
  const message = (key: keyof typeof errors) => {
    const e = error(key);
    return e ? (
      <p className="field-error" id={`${id}-${key}-error`}>
        {t(
          `settings.errors.${key === 'valuePerConversion' ? (e === 'negative' ? 'negative' : 'invalidNumber') : key === 'valueCurrency' ? 'invalidCurrency' : 'invalidLookback'}`,
        )}
      </p>
    ) : null;
  };

  return (
    <form
      className="settings-form"
      noValidate
      aria-label={t('settings.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (!hasErrors(errors) && dirty) save.mutate();
      }}
    >
      <section className="card settings-section" aria-labelledby={`${id}-conversion`}>
        <h2 id={`${id}-conversion`}>{t('settings.conversion.title')}</h2>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-stage`}>{t('settings.conversion.stage')}</label>
            <select
              id={`${id}-stage`}
              value={draft.conversionStage}
              onChange={(e) => set('conversionStage', e.target.value)}
              aria-describedby={`${id}-stage-hint`}
            >
              {byOrder(settings.stages).map((s) => (
                <option key={s.key} value={s.key}>
                  {stageName(s)}
                </option>
              ))}
            </select>
            <p className="hint" id={`${id}-stage-hint`}>
              {t('settings.conversion.stageHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-value`}>{t('settings.conversion.value')}</label>
            <input
              id={`${id}-value`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.valuePerConversion}
              placeholder={t('settings.conversion.valuePlaceholder')}
              onChange={(e) => set('valuePerConversion', e.target.value)}
              {...invalid('valuePerConversion')}
            />
            <p className="hint">{t('settings.conversion.valueHint')}</p>
            {message('valuePerConversion')}
          </div>
          <div className="field field-narrow">
            <label htmlFor={`${id}-currency`}>{t('settings.conversion.currency')}</label>
            <input
              id={`${id}-currency`}
              type="text"
              autoComplete="off"
              maxLength={3}
              value={draft.valueCurrency}
              onChange={(e) => set('valueCurrency', e.target.value.toUpperCase())}
              {...invalid('valueCurrency')}
            />
            {message('valueCurrency')}
          </div>
        </div>
      </section>

      <section className="card settings-section" aria-labelledby={`${id}-attribution`}>
        <h2 id={`${id}-attribution`}>{t('settings.attribution.title')}</h2>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-model`}>{t('campaigns.model')}</label>
            <select
              id={`${id}-model`}
              value={draft.attributionModel}
              onChange={(e) => set('attributionModel', e.target.value as AttributionModelName)}
            >
              {attributionModels.map((m) => (
                <option key={m} value={m}>
                  {t(`campaigns.models.${m}`)}
                </option>
              ))}
            </select>
            <p className="hint">{t(`campaigns.modelHints.${draft.attributionModel}`)}</p>
          </div>
          <div className="field field-narrow">
            <label htmlFor={`${id}-lookback`}>{t('settings.attribution.lookback')}</label>
            <input
              id={`${id}-lookback`}
              type="number"
              min={1}
              max={365}
              step={1}
              value={draft.lookbackDays}
              onChange={(e) => set('lookbackDays', e.target.value)}
              {...invalid('lookbackDays')}
            />
            {message('lookbackDays')}
          </div>
        </div>
      </section>

      <section className="card settings-section" aria-labelledby={`${id}-zone-title`}>
        <h2 id={`${id}-zone-title`}>{t('settings.timeZone.title')}</h2>
        <div className="field">
          <label htmlFor={`${id}-zone`}>{t('settings.timeZone.label')}</label>
          <select
            id={`${id}-zone`}
            value={draft.timeZoneSetting}
            onChange={(e) => set('timeZoneSetting', e.target.value)}
            aria-describedby={`${id}-zone-hint`}
          >
            <option value="">{t('settings.timeZone.follow', { zone: settings.machineTimeZone })}</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-zone-hint`}>
            {t('settings.timeZone.hint', { zone: settings.timeZone })}
          </p>
        </div>
      </section>

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
