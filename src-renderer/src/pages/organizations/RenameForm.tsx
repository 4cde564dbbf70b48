import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationRow } from '../../../../src-shared/contract/organizations';
import { organizationMutations } from '../../queries/organizations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ORG_NAME_MAX, renameError } from './organization-view';

/** The name cell while renaming: saves a new name, says why one is refused; `onDone(null)` when nothing changed. */
export function RenameForm({ row, onDone }: { row: OrganizationRow; onDone(name: string | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(row.name);
  const [touched, setTouched] = useState(false);
  const rename = useMutation({
    ...organizationMutations.rename(row.orgId),
    onSuccess: (value) => onDone(value.name),
  });
  const error = renameError(draft, row.name);
  const shown = touched && error && error !== 'unchanged' ? error : null;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (error === 'unchanged') onDone(null);
        else if (!error) rename.mutate(draft.trim());
      }}
    >
      <label htmlFor={`${id}-name`} className="visually-hidden">
        {t('organizations.newName')}
      </label>
      <input
        id={`${id}-name`}
        type="text"
        value={draft}
        maxLength={ORG_NAME_MAX + 50}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
        autoFocus
        onChange={(e) => {
          setDraft(e.target.value);
          setTouched(true);
        }}
      />
      <button type="submit" disabled={rename.isPending}>
        {t('organizations.save')}
      </button>
      <button type="button" className="button-secondary" onClick={() => onDone(null)} disabled={rename.isPending}>
        {t('organizations.cancel')}
      </button>
      {shown ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {t(`organizations.renameErrors.${shown}`)}
        </p>
      ) : null}
      {rename.isError ? <ErrorAlert error={rename.error} /> : null}
    </form>
  );
}
