import { useTranslation } from 'react-i18next';
import type { ResourceRow } from '../../../../src-shared/contract/resources';
import { exportFileStem, tableToCsv } from '../../analytics/csv';
import { saveText } from '../../download';
import { useFormatters } from '../../format';
import { resourceHref } from '../../routes';
import { resourceListTable } from './resource-view';
import { useCategoryLabel } from './use-category-label';

interface Props {
  rows: ResourceRow[];
  labelledBy: string;
  onEdit(row: ResourceRow): void;
  onMerge(row: ResourceRow): void;
}

/** One page of resources: title (to its page), category, group, campaign, activities, latest activity, actions; CSV of the page. */
export function ResourceTable({ rows, labelledBy, onEdit, onMerge }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const categoryLabel = useCategoryLabel();
  const dash = <span className="muted">{t('common.none')}</span>;
  const labels = {
    title: t('resources.columns.title'),
    category: t('resources.columns.category'),
    group: t('resources.columns.group'),
    campaign: t('resources.columns.campaign'),
    activities: t('resources.columns.activities'),
    lastActivity: t('resources.columns.lastActivity'),
  };
  const titleOf = (row: ResourceRow) => row.title ?? row.url ?? t('resources.untitled');
  return (
    <>
      <div className="button-row">
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => saveText(`${exportFileStem('resources')}.csv`, tableToCsv(resourceListTable(rows, labels)))}
          aria-label={t('resources.exportCsvOf', { title: t('resources.title') })}
        >
          {t('resources.exportCsv')}
        </button>
      </div>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby={labelledBy} data-testid="resource-table">
          <thead>
            <tr>
              <th scope="col">{labels.title}</th>
              <th scope="col">{labels.category}</th>
              <th scope="col">{labels.group}</th>
              <th scope="col">{labels.campaign}</th>
              <th scope="col" className="num">
                {labels.activities}
              </th>
              <th scope="col">{labels.lastActivity}</th>
              <th scope="col">{t('resources.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.resourceId}>
                <th scope="row">
                  <a href={resourceHref(row.resourceId)}>{titleOf(row)}</a>
                </th>
                <td>{categoryLabel(row.category)}</td>
                <td>{row.groupKey ?? dash}</td>
                <td>{row.campaignName ?? dash}</td>
                <td className="num">{format.number(row.activities)}</td>
                <td>{row.lastAt ? format.dateTime(new Date(row.lastAt)) : dash}</td>
                <td>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t('resources.editOf', { title: titleOf(row) })}
                      onClick={() => onEdit(row)}
                    >
                      {t('resources.edit')}
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t('resources.mergeOf', { title: titleOf(row) })}
                      onClick={() => onMerge(row)}
                    >
                      {t('resources.merge')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
