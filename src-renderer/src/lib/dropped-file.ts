/**
 * Hands a file dropped on any page to the Import page. The drop listener lives
 * on the window (so a drop anywhere works), the page may not be mounted yet:
 * the file waits here until the page takes it.
 */

type Listener = (file: File) => void;

let pending: File | null = null;
let listener: Listener | null = null;

function deliver(): void {
  const file = pending;
  const to = listener;
  if (file === null || to === null) return;
  pending = null;
  // Later, not inside the caller's event handler or effect: the page sets state in response.
  queueMicrotask(() => to(file));
}

export function offerFile(file: File): void {
  pending = file;
  deliver();
}

/** The Import page's subscription; a file dropped before it mounted is delivered at once. */
export function onDroppedFile(next: Listener): () => void {
  listener = next;
  deliver();
  return () => {
    if (listener === next) listener = null;
  };
}

/** Whether a drag carries files (not text or a link being dragged within the page). */
export function dragHasFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes('Files');
}
