/**
 * The name of the `performance.mark` the renderer sets when the first page
 * shows its data, read by bench:startup from the page's timeline (issue 12).
 */
export const FIRST_PAGE_MARK = 'drm:first-page';
