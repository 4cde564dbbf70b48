/** Paging shared by every paged list (developers, organizations, a funnel stage's developers, a timeline). */

export interface PageRange {
  /** 1-based first row shown, 0 when there is none. */
  from: number;
  to: number;
  total: number;
  page: number;
  lastPage: number;
  hasPrev: boolean;
  hasNext: boolean;
}

/** "51–100 of 1,234" and whether prev/next make sense; a page past the end is clamped. */
export function pageRange(page: number, pageSize: number, total: number): PageRange {
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  const current = Math.min(Math.max(0, page), lastPage);
  const from = total === 0 ? 0 : current * pageSize + 1;
  const to = Math.min(total, (current + 1) * pageSize);
  return { from, to, total, page: current, lastPage, hasPrev: current > 0, hasNext: current < lastPage };
}
