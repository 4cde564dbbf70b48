/**
 * A `performance.mark` for the moment the first page shows its data (issue 12,
 * "Start-up"): bench:startup opens the app in Chromium and reads the mark from
 * the page's own timeline, so "warm start to the first page rendered" is a
 * measured figure rather than the core's readiness alone. It costs one entry
 * in the page's performance timeline; nothing reads it in the app.
 */
import { useEffect } from 'react';
import { FIRST_PAGE_MARK } from '../../../src-shared/first-page-mark';

/** Marks once per page load, after the frame that shows the data has been painted. */
export function useFirstPageMark(ready: boolean): void {
  useEffect(() => {
    if (!ready || performance.getEntriesByName(FIRST_PAGE_MARK).length > 0) return;
    // The effect runs after React committed the DOM; the next frame is when it is on screen.
    const frame = requestAnimationFrame(() => {
      if (performance.getEntriesByName(FIRST_PAGE_MARK).length === 0) performance.mark(FIRST_PAGE_MARK);
    });
    return () => cancelAnimationFrame(frame);
  }, [ready]);
}
