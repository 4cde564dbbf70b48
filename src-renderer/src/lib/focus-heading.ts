/**
 * After a client-side navigation nothing tells a screen reader the page
 * changed: focus moves to the new page's heading, as a real page load would
 * start at the top. A page whose code is still loading (its own chunk, see
 * App.tsx) has no heading yet; focus follows as soon as it renders one.
 * Returns the cleanup for a navigation that comes first.
 */
export function focusHeadingWhenShown(main: HTMLElement | null): () => void {
  if (!main) return () => undefined;
  // While a page loads, React keeps the previous one hidden (display: none) beside the loading notice; a
  // hidden heading refuses focus, so success is read from document.activeElement.
  const focus = (): boolean =>
    [...main.querySelectorAll<HTMLElement>('h1')].some((heading) => {
      heading.focus();
      return document.activeElement === heading;
    });
  if (focus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (focus()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}
