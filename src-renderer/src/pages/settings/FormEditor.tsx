import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { IngestForm } from '../../../../src-shared/contract/forms';
import { CampaignOptions } from '../../components/CampaignOptions';

export type FormDraft = Omit<ChannelInput<'forms:create'>, 'honeypotField'> & { honeypotField: string | null };

/** The fields of a form, for a new one or an edit; `onSave` gets them parsed from the inputs. */
export function FormEditor({
  form,
  busy,
  onSave,
  onCancel,
}: {
  form?: IngestForm;
  busy: boolean;
  onSave(draft: FormDraft): void;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(form?.name ?? '');
  const [origins, setOrigins] = useState((form?.allowedOrigins ?? []).join('\n'));
  const [honeypot, setHoneypot] = useState(form ? (form.honeypotField ?? '') : 'website');
  const [action, setAction] = useState(form?.action ?? 'signup');
  const [campaignId, setCampaignId] = useState(form?.campaignId ?? '');
  const [enabled, setEnabled] = useState(form?.enabled ?? true);
  return (
    <form
      aria-label={form ? t('forms.editOf', { name: form.name }) : t('forms.create')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          name: name.trim(),
          allowedOrigins: origins.split(/\s+/).filter(Boolean),
          honeypotField: honeypot.trim() || null,
          action: action.trim(),
          campaignId: campaignId || null,
          enabled,
        });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('forms.name')}</label>
        <input id={`${id}-name`} value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-origins`}>{t('forms.origins')}</label>
        <textarea
          id={`${id}-origins`}
          value={origins}
          rows={2}
          aria-describedby={`${id}-origins-hint`}
          onChange={(e) => setOrigins(e.target.value)}
        />
        <p className="hint" id={`${id}-origins-hint`}>
          {t('forms.originsHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-honeypot`}>{t('forms.honeypot')}</label>
        <input
          id={`${id}-honeypot`}
          value={honeypot}
          aria-describedby={`${id}-honeypot-hint`}
          onChange={(e) => setHoneypot(e.target.value)}
        />
        <p className="hint" id={`${id}-honeypot-hint`}>
          {t('forms.honeypotHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-action`}>{t('forms.action')}</label>
        <input id={`${id}-action`} value={action} required maxLength={64} onChange={(e) => setAction(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-campaign`}>{t('forms.campaign')}</label>
        <select id={`${id}-campaign`} value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <CampaignOptions empty={t('forms.noCampaign')} />
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('forms.enabled')}
      </label>
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {form ? t('forms.save') : t('forms.create')}
        </button>
        {onCancel ? (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('forms.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
