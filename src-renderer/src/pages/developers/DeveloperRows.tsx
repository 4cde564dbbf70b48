import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeveloperRow, DeveloperSort } from '../../../../src-shared/contract/developers';
import type { DeveloperFilterState } from './developer-view';
import { headerSort } from './list-state';
import { useFormatters } from '../../format';
import { developerHref } from '../../routes';
import { DeveloperNameText, ProviderChips, StageBadge, ShownDate } from '../../components/developer-bits';

const ROW_HEIGHT = 52;
const MAX_VISIBLE_ROWS = 14;

interface Props {
  rows: DeveloperRow[];
  /** 1-based position of the first row in the whole result, for aria-rowindex. */
  firstIndex: number;
  total: number;
  /** The list's sort, shown on its header. */
  filters: DeveloperFilterState;
  /** A sortable header clicked (Tab, Enter or Space too): sort by it, or flip it. */
  onSort(column: DeveloperSort): void;
}

const ARROWS = { ascending: '▲', descending: '▼', none: '' } as const;

/** A header that sorts: a button inside the columnheader, which says its direction (aria-sort). */
function SortHeader({
  column,
  label,
  filters,
  onSort,
  className,
}: { column: DeveloperSort; label: string } & Pick<Props, 'filters' | 'onSort'> & { className?: string }) {
  const direction = headerSort(filters, column);
  return (
    <span role="columnheader" aria-sort={direction} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(column)} data-sort={column}>
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {ARROWS[direction]}
        </span>
      </button>
    </span>
  );
}

/**
 * The page's rows as an ARIA table whose body is virtualised: only the rows in
 * view are in the DOM. Each row's name is a link (Tab + Enter); a click
 * anywhere on the row opens the profile too.
 */
export function DeveloperRows({ rows, firstIndex, total, filters, onSort }: Props) {
  const { t } = useTranslation();
  const format = useFormatters();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Nothing here is memoised by hand; the component simply re-renders with the virtualizer.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1000, height: ROW_HEIGHT * MAX_VISIBLE_ROWS },
  });
  const height = Math.min(rows.length, MAX_VISIBLE_ROWS) * ROW_HEIGHT;

  return (
    <div className="dev-table" role="table" aria-label={t('developers.listLabel')} aria-rowcount={total + 1}>
      <div role="rowgroup">
        <div role="row" className="dev-row dev-head" aria-rowindex={1}>
          <SortHeader column="name" label={t('developers.columns.name')} filters={filters} onSort={onSort} />
          <span role="columnheader">{t('developers.columns.organization')}</span>
          <span role="columnheader">{t('developers.columns.stage')}</span>
          <SortHeader column="lastActivity" label={t('developers.columns.lastActivity')} filters={filters} onSort={onSort} />
          <SortHeader
            column="activityCount"
            label={t('developers.columns.activityCount')}
            filters={filters}
            onSort={onSort}
            className="num"
          />
          <span role="columnheader">{t('developers.columns.providers')}</span>
        </div>
      </div>
      <div ref={scrollRef} className="dev-scroll" style={{ height }} role="rowgroup" data-testid="developer-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const href = developerHref(row.developerId);
            return (
              <div
                key={row.developerId}
                role="row"
                aria-rowindex={firstIndex + item.index + 1}
                className="dev-row dev-body-row"
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={(event) => {
                  // The link handles its own click (and modified clicks); elsewhere the row acts as it.
                  if (!(event.target as HTMLElement).closest('a')) window.location.hash = href.slice(1);
                }}
              >
                <span role="cell" className="dev-name" title={row.primaryEmail ?? undefined}>
                  <a href={href}>
                    <DeveloperNameText dev={row} />
                  </a>
                  {row.displayName && row.primaryEmail ? <span className="dev-email">{row.primaryEmail}</span> : null}
                </span>
                <span role="cell" title={row.organization?.name}>
                  {row.organization?.name ?? <span className="muted">{t('common.none')}</span>}
                </span>
                <span role="cell">
                  <StageBadge stage={row.stage} />
                </span>
                <span role="cell">
                  <ShownDate iso={row.lastActionAt} fallback={t('developers.noActivity')} />
                </span>
                <span role="cell" className="num">
                  {format.number(row.totalActions)}
                </span>
                <span role="cell">
                  <ProviderChips providers={row.providers} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
