import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { resourceSorts, type ResourceSort } from '../../../../src-shared/contract/values';
import { categoryOptions } from './resource-view';
import { useCategoryLabel } from './use-category-label';

export interface Filters {
  q: string;
  category: string;
  groupKey: string;
  sort: ResourceSort;
}

/** Search, category and group filters and the sort of the Resources list. */
export function ResourceFilters({
  filters,
  categories,
  groups,
  onChange,
}: {
  filters: Filters;
  categories: readonly string[];
  groups: readonly string[];
  onChange(next: Partial<Filters>): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const categoryLabel = useCategoryLabel();
  return (
    <form className="filter-bar" role="search" aria-label={t('resources.searchLabel')} onSubmit={(e) => e.preventDefault()}>
      <div className="field filter-search">
        <label htmlFor={`${id}-q`}>{t('resources.searchLabel')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={filters.q}
          placeholder={t('resources.searchPlaceholder')}
          autoComplete="off"
          onChange={(e) => onChange({ q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t('resources.category')}</label>
        <select id={`${id}-category`} value={filters.category} onChange={(e) => onChange({ category: e.target.value })}>
          <option value="">{t('resources.anyCategory')}</option>
          {categoryOptions(categories).map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-group`}>{t('resources.group')}</label>
        <select id={`${id}-group`} value={filters.groupKey} onChange={(e) => onChange({ groupKey: e.target.value })}>
          <option value="">{t('resources.anyGroup')}</option>
          {groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t('resources.sort')}</label>
        <select id={`${id}-sort`} value={filters.sort} onChange={(e) => onChange({ sort: e.target.value as ResourceSort })}>
          {resourceSorts.map((s) => (
            <option key={s} value={s}>
              {t(`resources.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
