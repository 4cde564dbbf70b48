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

/**
 * The empty state of a list filled by imports: nothing imported yet (go and
 * import), or nothing matching the search and filters. `room`'s strings:
 * emptyTitle/emptyBody and noMatchTitle/noMatchBody.
 */
export function EmptyImportedList({ id, room, narrowed }: { id: string; room: 'organizations' | 'resources'; narrowed: boolean }) {
  const { t } = useTranslation();
  return narrowed ? (
    <EmptyState id={id} title={t(`${room}.noMatchTitle`)} body={t(`${room}.noMatchBody`)} />
  ) : (
    <EmptyState id={id} title={t(`${room}.emptyTitle`)} body={t(`${room}.emptyBody`)}>
      <p>
        <GoToImport />
      </p>
    </EmptyState>
  );
}
