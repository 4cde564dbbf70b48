/**
 * Web Storage that may be missing: a policy can disable it, and then merely
 * touching `localStorage` throws. Everything this app keeps there is a cache
 * or a convenience (the language for the first paint, the zone for the first
 * call, the served token across reloads), so a failure reads as "nothing
 * stored" and a write that fails is dropped.
 */
type Area = 'local' | 'session';

const areaOf = (area: Area): Storage => (area === 'local' ? localStorage : sessionStorage);

export function readStored(area: Area, key: string): string | null {
  try {
    return areaOf(area).getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`, or removes the key when it is null. */
export function writeStored(area: Area, key: string, value: string | null): void {
  try {
    if (value === null) areaOf(area).removeItem(key);
    else areaOf(area).setItem(key, value);
  } catch {
    // See above: only a cache is lost.
  }
}
