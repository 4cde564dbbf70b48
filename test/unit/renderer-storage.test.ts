/**
 * Web Storage may be disabled by policy, and then touching it throws: the
 * caches kept there (language, zone, served token) read as empty and writes
 * are dropped, and the page still starts (lib/storage.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readStored, writeStored } from '../../src-renderer/src/lib/storage';

afterEach(() => vi.unstubAllGlobals());

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

describe('stored caches', () => {
  it('write, read and remove in the area named, leaving the other alone', () => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
    writeStored('local', 'drm.language', 'ja');
    writeStored('session', 'drm.token', 't0k3n');
    expect(readStored('local', 'drm.language')).toBe('ja');
    expect(readStored('session', 'drm.language')).toBeNull();
    expect(readStored('session', 'drm.token')).toBe('t0k3n');
    writeStored('local', 'drm.language', null);
    expect(readStored('local', 'drm.language')).toBeNull();
  });

  it('read as empty and drop writes when storage is disabled', () => {
    const denied = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: denied, setItem: denied, removeItem: denied });
    expect(() => writeStored('local', 'drm.timeZone', 'Asia/Tokyo')).not.toThrow();
    expect(() => writeStored('local', 'drm.timeZone', null)).not.toThrow();
    expect(readStored('local', 'drm.timeZone')).toBeNull();
  });
});
