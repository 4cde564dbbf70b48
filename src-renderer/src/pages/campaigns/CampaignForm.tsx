import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../src-shared/contract/campaigns';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshAnalytics } from '../../queries/analytics';
import { campaignMutations } from '../../queries/campaigns';
import { campaignDraft, campaignErrors, campaignInput, fieldMessage, type CampaignDraft, type CampaignErrors } from './campaign-view';
import { hasErrors } from '../../lib/form-values';

interface CampaignFormProps {
  /** null: a new campaign. */
  campaign: Campaign | null;
  onDone(saved: Campaign | null): void;
}

/** Create or edit a campaign; each field says what is wrong with it, next to it. */
export function CampaignForm({ campaign, onDone }: CampaignFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<CampaignDraft>(() => campaignDraft(campaign));
  const [touched, setTouched] = useState<Partial<Record<keyof CampaignDraft, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const errors = campaignErrors(draft);
  const save = useMutation({
    ...campaignMutations.save(campaign?.campaignId ?? null),
    onSuccess: (saved) => {
      refreshAnalytics(client);
      onDone(saved);
    },
  });

  const shown = (field: keyof CampaignErrors) => (submitted || touched[field] ? errors[field] : undefined);
  const field = (
    name: keyof CampaignDraft,
    label: string,
    type: 'text' | 'date',
    extra: { hint?: string; required?: boolean; inputMode?: 'decimal' } = {},
  ) => {
    const error = shown(name);
    const describedBy = [extra.hint ? `${id}-${name}-hint` : '', error ? `${id}-${name}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>
          {label}
          {extra.required ? <span className="required-tag"> {t('campaigns.form.required')}</span> : null}
        </label>
        <input
          id={`${id}-${name}`}
          type={type}
          value={draft[name]}
          inputMode={extra.inputMode}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          aria-required={extra.required || undefined}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          onBlur={() => setTouched({ ...touched, [name]: true })}
        />
        {extra.hint ? (
          <p className="hint" id={`${id}-${name}-hint`}>
            {extra.hint}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`${id}-${name}-error`}>
            {t(`campaigns.form.errors.${fieldMessage(name, error).key}`, { max: fieldMessage(name, error).max })}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="card campaign-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{campaign ? t('campaigns.form.editTitle', { name: campaign.name }) : t('campaigns.form.newTitle')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (!hasErrors(errors)) save.mutate(campaignInput(draft));
        }}
      >
        <div className="form-grid">
          {field('name', t('campaigns.form.name'), 'text', { required: true })}
          {field('channel', t('campaigns.form.channel'), 'text', { hint: t('campaigns.form.channelHint') })}
          {field('utmCampaign', t('money.utm.label'), 'text', { hint: t('money.utm.hint') })}
          {field('startDate', t('campaigns.form.startDate'), 'date')}
          {field('endDate', t('campaigns.form.endDate'), 'date')}
          {field('budgetTotal', t('campaigns.form.budgetTotal'), 'text', {
            hint: t('campaigns.form.budgetTotalHint'),
            inputMode: 'decimal',
          })}
        </div>
        {submitted && hasErrors(errors) ? (
          <p role="alert" className="field-error">
            {t('campaigns.form.fixErrors')}
          </p>
        ) : null}
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <div className="button-row form-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? t('campaigns.form.saving') : campaign ? t('campaigns.form.save') : t('campaigns.form.create')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onDone(null)} disabled={save.isPending}>
            {t('campaigns.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
