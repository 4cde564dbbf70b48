import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IngestForm } from '../../../../src-shared/contract/forms';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formMutations, formQueries } from '../../queries/forms';
import { FormEditor } from './FormEditor';
import { formSnippet } from './form-snippet';

/** Settings → Forms: sign-up forms of the team's site, each with its key and a snippet to paste; delete with undo. */
export function FormsSection() {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const query = useQuery(formQueries.list());
  const [editing, setEditing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<{ undoToken: string; name: string } | null>(null);
  const [creation, setCreation] = useState(0);
  const refresh = () => void client.invalidateQueries({ queryKey: formQueries.all() });

  const create = useMutation({
    ...formMutations.create(),
    onSuccess: () => {
      setCreation((n) => n + 1);
      refresh();
    },
  });
  const update = useMutation({
    ...formMutations.update(),
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
  });
  const remove = useMutation({ ...formMutations.delete(), onSuccess: (r) => (setDeleted(r), refresh()) });
  const restore = useMutation({ ...formMutations.restore(), onSuccess: () => (setDeleted(null), refresh()) });
  const error = [create, update, remove, restore].find((m) => m.isError)?.error;

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} data-testid="forms">
      <h2 id={`${id}-title`}>{t('forms.title')}</h2>
      <p className="hint">{t('forms.help')}</p>
      <FormEditor key={creation} busy={create.isPending} onSave={(draft) => create.mutate(draft)} />
      {error ? <ErrorAlert error={error} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {deleted ? (
        <div className="notice undo-notice" role="status">
          <p>
            {t('forms.deleted', { name: deleted.name })}{' '}
            <button
              type="button"
              className="button-secondary button-small"
              disabled={restore.isPending}
              onClick={() => restore.mutate({ undoToken: deleted.undoToken })}
            >
              {t('forms.undo')}
            </button>
          </p>
        </div>
      ) : null}
      {query.data?.length === 0 ? <p className="muted">{t('forms.empty')}</p> : null}
      <ul className="plain-list" aria-label={t('forms.listLabel')}>
        {(query.data ?? []).map((form) =>
          editing === form.formKey ? (
            <li key={form.formKey}>
              <FormEditor
                form={form}
                busy={update.isPending}
                onSave={(draft) => update.mutate({ formKey: form.formKey, ...draft })}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <FormItem
              key={form.formKey}
              form={form}
              onEdit={() => setEditing(form.formKey)}
              onDelete={() => remove.mutate({ formKey: form.formKey })}
            />
          ),
        )}
      </ul>
    </section>
  );
}

function FormItem({ form, onEdit, onDelete }: { form: IngestForm; onEdit(): void; onDelete(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const snippet = formSnippet(form);
  return (
    <li data-testid="form-item">
      <h3>
        {form.name} {form.enabled ? null : <span className="muted">({t('forms.off')})</span>}
      </h3>
      <p>
        {t('forms.key')}: <code className="mono">{form.formKey}</code> · {form.action}
        {form.campaignName ? ` · ${form.campaignName}` : ''}
      </p>
      <label htmlFor={`${id}-snippet`}>{t('forms.snippet', { name: form.name })}</label>
      <textarea id={`${id}-snippet`} className="form-snippet" readOnly value={snippet} aria-describedby={`${id}-hint`} />
      <p className="hint" id={`${id}-hint`}>
        {t('forms.snippetHint')}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => void navigator.clipboard?.writeText(snippet).then(() => setCopied(true))}
        >
          {t('forms.copySnippet')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          aria-label={t('forms.editOf', { name: form.name })}
          onClick={onEdit}
        >
          {t('forms.edit')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          aria-label={t('forms.deleteOf', { name: form.name })}
          onClick={onDelete}
        >
          {t('forms.delete')}
        </button>
      </div>
      <p role="status" className={copied ? 'saved-note' : 'visually-hidden'}>
        {copied ? t('forms.copied') : ''}
      </p>
    </li>
  );
}
