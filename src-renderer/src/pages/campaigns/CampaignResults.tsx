import { useQuery } from '@tanstack/react-query';
import type { RoiReport } from '../../../../src-shared/contract/campaigns';
import { useHashQuery } from '../../analytics/hooks';
import type { Period } from '../../analytics/period';
import { campaignQueries } from '../../queries/campaigns';
import { campaignListRows, isSortKey, sortRows, type SortDir } from './campaign-list-view';
import { RoiBarChart } from './RoiBarChart';
import { RoiTable } from './RoiTable';

/**
 * The period's ROI joined with each campaign's plan vs spent, sorted as the
 * URL says (`sort`, `dir`: a link or Back keeps the order), as the ROI bar
 * chart and the table.
 */
export function CampaignResults({ report, period, busy }: { report: RoiReport; period: Period | null; busy: boolean }) {
  const [params, update] = useHashQuery();
  const list = useQuery(campaignQueries.list());
  const asked = params.get('sort');
  const sort = isSortKey(asked) ? asked : 'campaign';
  const dir: SortDir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const rows = sortRows(campaignListRows(report, list.data ?? []), sort, dir);
  return (
    <>
      <RoiTable
        report={report}
        rows={rows}
        sort={sort}
        dir={dir}
        onSort={(column, next) => update({ sort: column, dir: next })}
        period={period}
        busy={busy || list.isFetching}
      />
      <RoiBarChart rows={rows} period={period} />
    </>
  );
}
