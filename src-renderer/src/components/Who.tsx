import { useTranslation } from 'react-i18next';
import type { AuditUser } from '../../../src-shared/contract/common';

/**
 * Who did something, as an audit column recorded it (README "Who did what"):
 * the user's name (their email on hover), or "—" for a row recorded before
 * the app recorded who acted, with the reason as its title and as text for
 * screen readers (a bare dash would be read as nothing, or as "dash").
 */
export function Who({ user }: { user: AuditUser | null }) {
  const { t } = useTranslation();
  if (user === null) {
    return (
      <span className="muted" title={t('audit.unknownTitle')} data-testid="who">
        <span aria-hidden="true">{t('common.none')}</span>
        <span className="visually-hidden">{t('audit.unknownTitle')}</span>
      </span>
    );
  }
  return (
    <span title={user.email} data-testid="who">
      {user.displayName ?? user.email}
    </span>
  );
}
