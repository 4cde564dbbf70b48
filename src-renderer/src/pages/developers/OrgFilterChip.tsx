import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organizationQueries } from '../../queries/organizations';
import { hrefFor } from '../../routes';

/**
 * The organization filter that came with the address, as a chip: its name
 * (looked up; an id that names no organization says so) and a link that
 * drops the filter (to `removeHref`, else the plain list).
 */
export function OrgFilterChip({ orgId, removeHref = hrefFor('developers') }: { orgId: string; removeHref?: string }) {
  const { t } = useTranslation();
  const org = useQuery(organizationQueries.one(orgId));
  const name = org.data?.name ?? (org.isError ? t('developers.unknownOrganization') : '…');
  return (
    <ul className="chip-list active-filters" aria-label={t('developers.activeFilters')}>
      <li className="chip chip-removable" data-testid="org-filter">
        <span>{t('developers.orgFilter', { name })}</span>
        <a className="chip-remove" href={removeHref} aria-label={t('developers.removeOrgFilter', { name })}>
          ×
        </a>
      </li>
    </ul>
  );
}
