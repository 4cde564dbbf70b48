import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dragHasFiles, offerFile } from '../lib/dropped-file';
import { hrefFor, routeFromHash } from '../routes';

/**
 * Files can be dropped anywhere on the window, on every page: while a file is
 * dragged over it, a full-window overlay says what will happen; the drop opens
 * the Import page with it. The browser's own drop (navigating to the file,
 * which would leave the app) is prevented. The Import page's "Choose file"
 * button is the keyboard way to do the same.
 */
export function FileDropOverlay() {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // enter/leave fire for every child element crossed; count them to know when the drag left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!dragHasFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      offerFile(file);
      if (routeFromHash(window.location.hash) !== 'import') window.location.hash = hrefFor('import');
    };
    const onEnd = () => {
      depth = 0;
      setDragging(false);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', onEnd);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', onEnd);
    };
  }, []);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p className="drop-overlay-text">{t('imports.drop.overlay')}</p>
    </div>
  );
}
