import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../routes';

/**
 * A list's empty state: what is missing and what to do about it, as a region
 * named by its heading so a screen reader's landmarks list finds it. The way
 * out (a button, a link) comes as children.
 */
export function EmptyState({ id, title, body, children }: { id: string; title: string; body: string; children?: ReactNode }) {
  return (
    <section className="empty-state" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>{body}</p>
      {children}
    </section>
  );
}

/** The way out of a list that is empty because nothing has been imported yet. */
export function GoToImport({ secondary = false }: { secondary?: boolean }) {
  const { t } = useTranslation();
  return (
    <a className={secondary ? 'button-link button-secondary' : 'button-link'} href={hrefFor('import')}>
      {t('empty.goToImport')}
    </a>
  );
}
