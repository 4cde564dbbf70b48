/**
 * OS notifications on the desktop: each `notification:raised` the core emits
 * becomes one system notification with its title and body, none when the
 * system has no notification server, and none after the shell stops listening.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const shown: { options: { title: string; body: string }; click?: () => void }[] = [];
  const state = { supported: true };
  class Notification {
    static isSupported = () => state.supported;
    entry: (typeof shown)[number];
    constructor(options: { title: string; body: string }) {
      this.entry = { options };
    }
    on(event: string, listener: () => void) {
      if (event === 'click') this.entry.click = listener;
      return this;
    }
    show() {
      shown.push(this.entry);
    }
  }
  return { Notification, shown, state };
});

vi.mock('electron', () => ({ Notification: electron.Notification }));

const { showOsNotifications } = await import('../../src-main/os-notifications');
const { createCoreEvents } = await import('../../src-main/core/events');

beforeEach(() => {
  electron.shown.length = 0;
  electron.state.supported = true;
});

describe('showOsNotifications', () => {
  it('shows what the core raises, and brings the window forward on a click', () => {
    const events = createCoreEvents();
    const win = { isDestroyed: () => false, isMinimized: () => true, restore: vi.fn(), focus: vi.fn() };
    showOsNotifications(events, () => win as never);
    events.emit('notification:raised', { event: 'import.failed', title: 'Import failed: a.csv', body: 'Bad header' });
    expect(electron.shown.map((s) => s.options)).toEqual([{ title: 'Import failed: a.csv', body: 'Bad header' }]);
    electron.shown[0]!.click!();
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });

  it('shows nothing where the system cannot, and nothing after it stops', () => {
    const events = createCoreEvents();
    const stop = showOsNotifications(events, () => undefined);
    electron.state.supported = false;
    events.emit('notification:raised', { event: 'backup.failed', title: 'x', body: 'y' });
    electron.state.supported = true;
    stop();
    events.emit('notification:raised', { event: 'backup.failed', title: 'x', body: 'y' });
    expect(electron.shown).toEqual([]);
  });
});
