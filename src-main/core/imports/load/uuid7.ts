import { randomUUID } from 'node:crypto';

/** The id's first 15 characters (the millisecond's 48 bits and the version) of the last millisecond asked for. */
let lastMs = -1;
let lastPrefix = '';

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * Built on crypto.randomUUID(), which draws its entropy in batches: per-call
 * randomFillSync (as general-purpose libraries do) was a quarter of the
 * parse worker's time. Ids of one millisecond are not ordered among
 * themselves, which is all the primary key's locality needs. A parse worker
 * makes tens of ids per millisecond: their common prefix is built once.
 */
export function uuid7(now: number = Date.now()): string {
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, variant bits already RFC
  if (now !== lastMs) {
    const ms = now.toString(16).padStart(12, '0');
    lastPrefix = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7`;
    lastMs = now;
  }
  return lastPrefix + random.slice(15);
}

/**
 * A random UUID (v4) as one flat string, for ids held by the hundred thousand. crypto.randomUUID() builds
 * its text by concatenating ~20 pieces, a tree V8 keeps until something flattens it: 488 bytes of heap per
 * id held against 66 flat (Node 20). Identity resolution holds one per new developer: at 10M rows,
 * 261k of them, ~110 MB more at the import's peak (test/unit/import-actors-memory.test.ts).
 */
export function randomId(): string {
  const id = randomUUID();
  // Reading a character flattens the string in place; the pieces are then garbage.
  id.charCodeAt(0);
  return id;
}
