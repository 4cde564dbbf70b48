import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { developerSorts, type DeveloperSort } from '../../../../src-shared/contract/developers';
import { useProviderLabel } from '../../components/developer-bits';
import { stageKeys } from '../../../../src-shared/funnel-stages';
import { providers } from '../../../../src-shared/providers';
import type { DeveloperFilterState } from './developer-view';

interface Props {
  filters: DeveloperFilterState;
  onChange(next: DeveloperFilterState): void;
}

export function DeveloperFilters({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const providerLabel = useProviderLabel();
  const id = useId();
  const set = <K extends keyof DeveloperFilterState>(key: K, value: DeveloperFilterState[K]) => onChange({ ...filters, [key]: value });

  return (
    <form className="filter-bar" role="search" aria-label={t('developers.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
      <div className="field filter-search">
        <label htmlFor={`${id}-q`}>{t('developers.searchLabel')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={filters.q}
          placeholder={t('developers.searchPlaceholder')}
          onChange={(e) => set('q', e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-stage`}>{t('developers.stage')}</label>
        <select id={`${id}-stage`} value={filters.stage} onChange={(e) => set('stage', e.target.value)}>
          <option value="">{t('developers.anyStage')}</option>
          {stageKeys.map((s) => (
            <option key={s} value={s}>
              {t(`developers.stages.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tag`}>{t('developers.tag')}</label>
        <input
          id={`${id}-tag`}
          type="text"
          value={filters.tag}
          placeholder={t('developers.tagPlaceholder')}
          onChange={(e) => set('tag', e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-provider`}>{t('developers.provider')}</label>
        <select id={`${id}-provider`} value={filters.provider} onChange={(e) => set('provider', e.target.value)}>
          <option value="">{t('developers.anyProvider')}</option>
          {providers.map((p) => (
            <option key={p} value={p}>
              {providerLabel(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t('developers.sort')}</label>
        <select id={`${id}-sort`} value={filters.sort} onChange={(e) => set('sort', e.target.value as DeveloperSort)}>
          {developerSorts.map((s) => (
            <option key={s} value={s}>
              {t(`developers.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
