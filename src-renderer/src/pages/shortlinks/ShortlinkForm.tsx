import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shortlink } from '../../../../src-shared/contract/shortlinks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { resourceQueries } from '../../queries/resources';
import { shortlinkMutations, shortlinkQueries } from '../../queries/shortlinks';
import { hasErrors } from '../../lib/form-values';
import { previewFinalUrl, shortlinkDraft, shortlinkErrors, shortlinkInput, UTM_FIELDS, type ShortlinkDraft } from './shortlink-view';
import { CampaignOptions } from '../../components/CampaignOptions';

interface ShortlinkFormProps {
  /** null: a new link. */
  link: Shortlink | null;
  onDone(saved: Shortlink | null): void;
}

/** Create or edit a short link; the final URL is previewed as the fields change. */
export function ShortlinkForm({ link, onDone }: ShortlinkFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<ShortlinkDraft>(() => shortlinkDraft(link));
  const [submitted, setSubmitted] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens above the table (Edit in a row, or New): focus goes to it.
  useEffect(() => heading.current?.focus(), []);
  const errors = shortlinkErrors(draft);
  const save = useMutation({
    ...shortlinkMutations.save(link?.shortlinkId ?? null),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: shortlinkQueries.all() });
      onDone(saved);
    },
  });
  const preview = previewFinalUrl(draft);
  const set = (name: keyof ShortlinkDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value });

  const input = (name: keyof ShortlinkDraft, label: string, hint?: string, required = false) => {
    const error = submitted ? errors[name as 'key' | 'targetUrl'] : undefined;
    const describedBy = [hint ? `${id}-${name}-hint` : '', error ? `${id}-${name}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>
          {label}
          {required ? <span className="required-tag"> {t('shortlinks.form.required')}</span> : null}
        </label>
        <input
          id={`${id}-${name}`}
          type={name === 'targetUrl' ? 'url' : 'text'}
          value={draft[name]}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          aria-required={required || undefined}
          onChange={set(name)}
        />
        {hint ? (
          <p className="hint" id={`${id}-${name}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`${id}-${name}-error`}>
            {t(`shortlinks.form.errors.${error}`)}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="card shortlink-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {link ? t('shortlinks.form.editTitle', { key: link.key }) : t('shortlinks.form.newTitle')}
      </h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (!hasErrors(errors)) save.mutate(shortlinkInput(draft));
        }}
      >
        <div className="form-grid">
          {input('targetUrl', t('shortlinks.form.targetUrl'), t('shortlinks.form.targetHint'), true)}
          {input('key', t('shortlinks.form.key'), t('shortlinks.form.keyHint'))}
          <LinkTargets draft={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
        </div>
        <fieldset className="utm-fields">
          <legend>{t('shortlinks.form.utmTitle')}</legend>
          <p className="hint">{t('shortlinks.form.utmHint')}</p>
          <div className="form-grid">
            {UTM_FIELDS.map((name) => (
              <div key={name}>{input(name, t(`shortlinks.form.${name}`))}</div>
            ))}
          </div>
        </fieldset>
        <p className="final-preview">
          <span>{t('shortlinks.form.finalPreview')}: </span>
          <output htmlFor={`${id}-targetUrl`} className="url-text">
            {preview ?? t('common.none')}
          </output>
        </p>
        {submitted && hasErrors(errors) ? (
          <p role="alert" className="field-error">
            {t('shortlinks.form.fixErrors')}
          </p>
        ) : null}
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <div className="button-row form-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? t('shortlinks.form.saving') : link ? t('shortlinks.form.save') : t('shortlinks.form.create')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onDone(null)} disabled={save.isPending}>
            {t('shortlinks.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The campaign and the resource a link belongs to. */
function LinkTargets({ draft, onChange }: { draft: ShortlinkDraft; onChange(patch: Partial<ShortlinkDraft>): void }) {
  const { t } = useTranslation();
  const id = useId();
  const resources = useQuery(resourceQueries.choices());
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-campaign`}>{t('shortlinks.form.campaign')}</label>
        <select id={`${id}-campaign`} value={draft.campaignId} onChange={(e) => onChange({ campaignId: e.target.value })}>
          <CampaignOptions empty={t('shortlinks.form.none')} />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-resource`}>{t('shortlinks.form.resource')}</label>
        <select id={`${id}-resource`} value={draft.resourceId} onChange={(e) => onChange({ resourceId: e.target.value })}>
          <option value="">{t('shortlinks.form.none')}</option>
          {(resources.data ?? []).map((r) => (
            <option key={r.resourceId} value={r.resourceId}>
              {`${r.title ?? r.url ?? r.resourceId} (${r.category})`}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
