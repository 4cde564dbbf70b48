import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserTimeZone, timeZoneChoices } from '../../lib/time-zones';

const OTHER = '__other__';

interface TimeZoneFieldProps {
  value: string;
  invalid: boolean;
  onChange(value: string): void;
}

/** Common zones in a select (the computer's own first); "Other…" opens a text box for any IANA name. */
export function TimeZoneField({ value, invalid, onChange }: TimeZoneFieldProps) {
  const { t } = useTranslation();
  const [choices] = useState(() => timeZoneChoices(browserTimeZone()));
  const [custom, setCustom] = useState(() => !choices.includes(value));

  return (
    <div className="field">
      <label htmlFor="import-timezone">{t('imports.options.timezone')}</label>
      <select
        id="import-timezone"
        aria-describedby="import-timezone-hint"
        value={custom ? OTHER : value}
        onChange={(event) => {
          const next = event.target.value;
          setCustom(next === OTHER);
          if (next !== OTHER) onChange(next);
        }}
      >
        {choices.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
        <option value={OTHER}>{t('imports.options.timezoneOther')}</option>
      </select>
      <p className="hint" id="import-timezone-hint">
        {t('imports.options.timezoneHint')}
      </p>
      {custom ? (
        <div className="field">
          <label htmlFor="import-timezone-custom">{t('imports.options.timezoneCustom')}</label>
          <input
            id="import-timezone-custom"
            type="text"
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            value={value}
            aria-invalid={invalid || undefined}
            aria-describedby="import-timezone-custom-hint"
            onChange={(event) => onChange(event.target.value)}
          />
          <p className="hint" id="import-timezone-custom-hint">
            {t('imports.options.timezoneCustomHint')}
          </p>
        </div>
      ) : null}
    </div>
  );
}
