import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortDir, SortKey } from './campaign-list-view';

interface SortHeaderProps {
  column: SortKey;
  label: string;
  sort: SortKey;
  dir: SortDir;
  onSort(column: SortKey, dir: SortDir): void;
  numeric?: boolean;
  children?: ReactNode;
}

/** A column header that sorts the list: a button, announced with aria-sort; a second press reverses the order. */
export function SortHeader({ column, label, sort, dir, onSort, numeric, children }: SortHeaderProps) {
  const { t } = useTranslation();
  const active = sort === column;
  // Numbers read best largest first; text A to Z.
  const first: SortDir = numeric ? 'desc' : 'asc';
  const next: SortDir = active ? (dir === 'asc' ? 'desc' : 'asc') : first;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column, next)} title={t('money.list.sortBy', { column: label })}>
        {children ?? label}
        <span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
