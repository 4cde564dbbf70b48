import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFormat } from '../../../../src-shared/contract/imports';
import { CampaignField } from './CampaignField';
import { optionsFor, type OptionName, type OptionValues } from './start-input';
import { TimeZoneField } from './TimeZoneField';

interface OptionsFieldsProps {
  format: ImportFormat;
  values: OptionValues;
  timeZoneInvalid: boolean;
  onChange(name: OptionName, value: string): void;
  /** Shown after the fields, inside the same group (the event title check). */
  children?: ReactNode;
}

type TextOption = Exclude<OptionName, 'timezone'>;

const INPUT_TYPE: Record<TextOption, 'text' | 'datetime-local'> = {
  source: 'text',
  campaign: 'text',
  eventTitle: 'text',
  eventId: 'text',
  eventDate: 'datetime-local',
  occurredAt: 'datetime-local',
};

const HINTS: Partial<Record<TextOption, 'sourceHint' | 'eventIdHint' | 'occurredAtHint'>> = {
  source: 'sourceHint',
  eventId: 'eventIdHint',
  occurredAt: 'occurredAtHint',
};

/** The import-wide settings the chosen format takes (its `options` in the core's registry). */
export function OptionsFields({ format, values, timeZoneInvalid, onChange, children }: OptionsFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section options-grid">
      <legend>{t('imports.form.options')}</legend>
      {optionsFor(format).map((name) => {
        if (name === 'timezone') {
          return (
            <TimeZoneField key={name} value={values.timezone} invalid={timeZoneInvalid} onChange={(value) => onChange('timezone', value)} />
          );
        }
        const id = `import-option-${name}`;
        if (name === 'campaign') return <CampaignField key={name} id={id} value={values.campaign} onChange={(v) => onChange(name, v)} />;
        const hint = HINTS[name];
        return (
          <div className="field" key={name}>
            <label htmlFor={id}>{t(`imports.options.${name}`)}</label>
            <input
              id={id}
              type={INPUT_TYPE[name]}
              value={values[name]}
              maxLength={500}
              autoComplete="off"
              aria-describedby={hint ? `${id}-hint` : undefined}
              onChange={(event) => onChange(name, event.target.value)}
            />
            {hint ? (
              <p className="hint" id={`${id}-hint`}>
                {t(`imports.options.${hint}`)}
              </p>
            ) : null}
          </div>
        );
      })}
      {children}
    </fieldset>
  );
}
