import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../src-shared/contract/settings';
import { attributionModels, type AttributionModelName } from '../../../../src-shared/contract/values';
import { byOrder } from '../../analytics/chart-data';
import { useStageName } from '../../analytics/use-stage-name';
import type { DraftFields } from './draft-fields';
import { timeZoneOptions } from './settings-view';

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** What counts as a conversion, and what one is worth. */
export function ConversionSection({ settings, fields }: { settings: Settings; fields: DraftFields }) {
  const { t } = useTranslation();
  const stageName = useStageName();
  const { id, draft, set, invalid, message } = fields;
  return (
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
          <label htmlFor={`${id}-currency`}>{t('money.rates.reportingCurrency')}</label>
          <input
            id={`${id}-currency`}
            type="text"
            autoComplete="off"
            maxLength={3}
            value={draft.valueCurrency}
            onChange={(e) => set('valueCurrency', e.target.value.toUpperCase())}
            aria-describedby={`${id}-currency-hint`}
            {...invalid('valueCurrency')}
          />
          <p className="hint" id={`${id}-currency-hint`}>
            {t('money.rates.reportingCurrencyHint')}
          </p>
          {message('valueCurrency')}
        </div>
      </div>
    </section>
  );
}

/** The attribution model and its lookback. */
export function AttributionSection({ fields }: { fields: DraftFields }) {
  const { t } = useTranslation();
  const { id, draft, set, invalid, message } = fields;
  return (
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
  );
}

/** The zone days are counted in: a saved zone, or the machine's. */
export function TimeZoneSection({ settings, fields }: { settings: Settings; fields: DraftFields }) {
  const { t } = useTranslation();
  const { id, draft, set } = fields;
  const zones = useMemo(() => timeZoneOptions(supportedZones(), settings.timeZoneSetting), [settings.timeZoneSetting]);
  return (
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
  );
}
