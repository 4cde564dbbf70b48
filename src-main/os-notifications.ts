/**
 * OS notifications on the desktop: what the core raises (an import ended, a
 * scheduled backup failed) is shown by the system, so that someone working
 * in another app hears of it. Clicking one brings the window forward.
 */
import { Notification, type BrowserWindow } from 'electron';
import type { CoreEvents } from './core/events';

/** Shows each `notification:raised` event; returns the function that stops. */
export function showOsNotifications(events: CoreEvents, window: () => BrowserWindow | undefined): () => void {
  return events.on('notification:raised', ({ title, body }) => {
    // Some Linux desktops have no notification server: then there is nothing to show it with.
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title, body });
    shown.on('click', () => {
      const win = window();
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.focus();
      }
    });
    shown.show();
  });
}
