import { useTranslation } from 'react-i18next';

/** Where a page stands in a paged list: what the Previous/Next buttons need. */
export interface PagePosition {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
}

/** Previous/next buttons for a server-paged list. */
export function Pager({ range, onPage }: { range: PagePosition; onPage(page: number): void }) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('developers.pagerLabel')}>
      <button type="button" className="button-secondary" disabled={!range.hasPrev} onClick={() => onPage(range.page - 1)}>
        {t('developers.prev')}
      </button>
      <button type="button" className="button-secondary" disabled={!range.hasNext} onClick={() => onPage(range.page + 1)}>
        {t('developers.next')}
      </button>
    </nav>
  );
}
