import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { developerSorts, type DeveloperSort } from '../../../../src-shared/contract/values';
import { useProviderLabel } from '../../components/developer-bits';
import { stageKeys } from '../../../../src-shared/funnel-stages';
import { providers } from '../../../../src-shared/providers';
import type { DeveloperFilterState } from './developer-view';
import { TagSuggestions } from './TagSuggestions';
import { TextFilter } from './TextFilter';

interface Props {
  filters: DeveloperFilterState;
  onChange(next: DeveloperFilterState): void;
}

export function DeveloperFilters({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const providerLabel = useProviderLabel();
  const id = useId();
  const [tagDraft, setTagDraft] = useState(filters.tag);
  const set = <K extends keyof DeveloperFilterState>(key: K, value: DeveloperFilterState[K]) => onChange({ ...filters, [key]: value });

  return (
    <form className="filter-bar" role="search" aria-label={t('developers.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
      <div className="field filter-search">
        <label htmlFor={`${id}-q`}>{t('developers.searchLabel')}</label>
        <TextFilter
          id={`${id}-q`}
          type="search"
          value={filters.q}
          placeholder={t('developers.searchPlaceholder')}
          onSettle={(q) => set('q', q)}
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
        <TextFilter
          id={`${id}-tag`}
          type="text"
          value={filters.tag}
          placeholder={t('developers.tagPlaceholder')}
          onSettle={(tag) => set('tag', tag)}
          onDraft={setTagDraft}
          list={`${id}-tags`}
          autoComplete="off"
        />
        <TagSuggestions id={`${id}-tags`} prefix={tagDraft} />
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
        <select
          id={`${id}-sort`}
          value={filters.sort}
          onChange={(e) => onChange({ ...filters, sort: e.target.value as DeveloperSort, reverse: false })}
        >
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
