/**
 * The importer's memory while a large activities file streams (issue 12 §1):
 * the actors gathered from the parse workers' batches (load/actors.ts) are
 * alive through the whole parse, so their size per actor is the importer's
 * heap; and what identity resolution lets go of is collected before the
 * derived refresh (load/collect-garbage.ts) rather than on top of it.
 */
import { describe, expect, it } from 'vitest';
import { Actors } from '../../src-main/core/imports/load/actors';
import { collectGarbage } from '../../src-main/core/imports/load/collect-garbage';
import { randomId } from '../../src-main/core/imports/load/uuid7';
import type { ActorRow } from '../../src-main/core/imports/types';

const row = (line: number, key: string, at: number, email: string | null, name: string | null = null): ActorRow => [
  line,
  key,
  at,
  null,
  null,
  null,
  email,
  name,
  null,
  null,
];

/** Builds a million objects and strings (~60 MB), and returns the heap in use while they are alive. */
function heapWithGarbage(): number {
  const garbage = Array.from({ length: 1_000_000 }, (_, i) => ({ id: i, name: `n${i}` }));
  expect(garbage.length).toBe(1_000_000);
  return process.memoryUsage().heapUsed;
}

// First in the file: Node warns about the API once per process, at its first call.
describe('collectGarbage', () => {
  it("keeps Node's experimental-API warning out of the output", async () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listen);
    try {
      expect(await collectGarbage()).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings.filter((w) => w.includes('measureMemory'))).toEqual([]);
  });

  it('frees what was let go of before it returns', async () => {
    const held = heapWithGarbage();
    expect(await collectGarbage()).toBe(true);
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(40 * 1024 * 1024);
  });
});

/** The heap and the typed arrays' buffers (outside the heap) in use. */
const inUse = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

describe('Actors', () => {
  it("keeps each of an actor's emails once, in the order first named, and its latest values", () => {
    const actors = new Actors();
    actors.add([
      row(1, 'email:a', 1000, 'a@example.com', 'Aiko'),
      row(2, 'email:a', 3000, 'b@example.com', 'Aiko T.'),
      row(3, 'email:a', 2000, 'a@example.com', 'A.'),
      row(4, 'email:b', 500, null, 'Ben'),
    ]);
    const a = actors.indexOf('email:a')!;
    expect(actors.emails(a)).toEqual(['a@example.com', 'b@example.com']);
    // The latest instant wins, whatever the line order.
    expect(actors.email.get(a)).toBe('b@example.com');
    expect(actors.displayName.get(a)).toBe('Aiko T.');
    expect([actors.firstAt.get(a), actors.lastAt.get(a), actors.firstLine.get(a), actors.lastLine.get(a)]).toEqual([1000, 3000, 1, 3]);
    const b = actors.indexOf('email:b')!;
    expect([actors.size, b, actors.emails(b), actors.email.get(b), actors.displayName.get(b)]).toEqual([2, 1, [], undefined, 'Ben']);
  });

  it('on equal instants takes the later line, and keeps a value no later row names', () => {
    const actors = new Actors();
    actors.add([row(7, 'k', 1000, 'late@example.com', 'Late'), row(5, 'k', 1000, 'early@example.com', null)]);
    expect([actors.email.get(0), actors.displayName.get(0), actors.firstLine.get(0), actors.lastLine.get(0)]).toEqual([
      'late@example.com',
      'Late',
      5,
      7,
    ]);
  });

  it('keeps many emails of one actor once each (past the few kept in an array alone)', () => {
    const actors = new Actors();
    const rows: ActorRow[] = [];
    for (let i = 0; i < 40; i++) rows.push(row(i + 1, 'acct', 1000 + i, `u${i % 20}@example.com`));
    actors.add(rows);
    expect(actors.emails(actors.indexOf('acct')!)).toEqual(Array.from({ length: 20 }, (_, i) => `u${i}@example.com`));
  });

  it('keeps actors apart across pages of its columns, and lets go of them all', () => {
    const actors = new Actors();
    const n = 40_000;
    actors.add(Array.from({ length: n }, (_, i) => row(i + 1, `k${i}`, 1000 + i, `p${i}@example.com`, `P${i}`)));
    actors.add([row(n + 1, 'k39999', 5, null, 'Old name')]);
    expect(actors.size).toBe(n);
    for (const i of [0, 16_383, 16_384, 32_768, n - 1])
      expect([actors.key.get(i), actors.email.get(i), actors.displayName.get(i), actors.firstAt.get(i)]).toEqual([
        `k${i}`,
        `p${i}@example.com`,
        `P${i}`,
        i === n - 1 ? 5 : 1000 + i,
      ]);
    actors.clear();
    expect([actors.size, actors.indexOf('k0')]).toEqual([0, undefined]);
    actors.add([row(1, 'again', 1, null, 'A')]);
    expect([actors.size, actors.displayName.get(0)]).toEqual([1, 'A']);
  });

  it('holds an actor that names an account, a handle, an email, a name and an organization in ~200 bytes', async () => {
    // Three pages of its columns, full: a page's unused rows are at most one page's, whatever the file.
    const n = 3 * 16_384;
    // Keys and values made before measuring: the worker's message brings them, they are not the gatherer's cost.
    const rows = Array.from({ length: n }, (_, i): ActorRow => [
      i + 1,
      `github:${i}`,
      1_700_000_000_000 + i,
      'github',
      `${i}`,
      `h${i}`,
      `p${i}@example.com`,
      `P ${i}`,
      'Org',
      null,
    ]);
    expect(await collectGarbage()).toBe(true);
    const before = inUse();
    const actors = new Actors();
    actors.add(rows);
    await collectGarbage();
    const perActor = (inUse() - before) / n;
    expect(actors.size).toBe(n);
    // ~200 bytes on Node 20, ~85 of them in typed arrays; as objects (an actor and a { value, at, line } per value) ~520.
    expect(perActor).toBeLessThan(260);
  });
});

describe('randomId', () => {
  it('holds a new developer’s id in under 100 bytes of heap (a UUID as concatenated took ~490)', async () => {
    const n = 50_000;
    expect(await collectGarbage()).toBe(true);
    const before = process.memoryUsage().heapUsed;
    const ids = Array.from({ length: n }, () => randomId());
    await collectGarbage();
    const perId = (process.memoryUsage().heapUsed - before) / n;
    expect(new Set(ids).size).toBe(n);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    // ~66 bytes on Node 20 (a slot of the array, the string's header and 36 bytes); crypto.randomUUID() held as made, ~490.
    expect(perId).toBeLessThan(100);
  });
});
