import { useTranslation } from 'react-i18next';
import type { OrganizationRow } from '../../../../src-shared/contract/organizations';
import { useFormatters } from '../../format';
import { developersOfOrganizationHref, organizationHref } from '../../routes';
import { RenameForm } from './RenameForm';

interface Props {
  rows: OrganizationRow[];
  labelledBy: string;
  /** The organization whose name is being edited, if any. */
  renaming: string | null;
  onRename(orgId: string | null): void;
  onRenamed(name: string): void;
  onMerge(row: OrganizationRow): void;
}

/** One page of organizations: name (editable in place), domain, developers (linked to their list), last activity, actions. */
export function OrganizationTable({ rows, labelledBy, renaming, onRename, onRenamed, onMerge }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const dash = <span className="muted">{t('common.none')}</span>;
  return (
    <table className="data-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">{t('organizations.columns.name')}</th>
          <th scope="col">{t('organizations.columns.domain')}</th>
          <th scope="col" className="num">
            {t('organizations.columns.developers')}
          </th>
          <th scope="col">{t('organizations.columns.lastActivity')}</th>
          <th scope="col">{t('organizations.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.orgId}>
            <th scope="row">
              {renaming === row.orgId ? (
                <RenameForm
                  row={row}
                  onDone={(name) => {
                    onRename(null);
                    if (name) onRenamed(name);
                  }}
                />
              ) : (
                <a href={organizationHref(row.orgId)}>{row.name}</a>
              )}
            </th>
            <td>{row.domain ?? dash}</td>
            <td className="num">
              {row.developers > 0 ? (
                <a
                  href={developersOfOrganizationHref(row.orgId)}
                  aria-label={t('organizations.showDevelopers', { count: row.developers, name: row.name })}
                >
                  {format.number(row.developers)}
                </a>
              ) : (
                format.number(row.developers)
              )}
            </td>
            <td>{row.lastActionAt ? format.dateTime(new Date(row.lastActionAt)) : dash}</td>
            <td>
              <div className="button-row">
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t('organizations.renameOf', { name: row.name })}
                  onClick={() => onRename(row.orgId)}
                  disabled={renaming === row.orgId}
                >
                  {t('organizations.rename')}
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t('organizations.mergeOf', { name: row.name })}
                  onClick={() => onMerge(row)}
                >
                  {t('organizations.merge')}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
