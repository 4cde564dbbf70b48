/**
 * The importer's memory while a large activities file streams (issue 12 §1):
 * the actors gathered from the parse workers' batches (load/actors.ts) are
 * alive through the whole parse, so their size per actor is the importer's
 * heap; and what identity resolution lets go of is collected before the
 * derived refresh (load/collect-garbage.ts) rather than on top of it.
 */
import { describe, expect, it } from 'vitest';
import { ActorGatherer } from '../../src-main/core/imports/load/actors';
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

describe('ActorGatherer', () => {
  it("keeps each of an actor's emails once, in the order first named, and its latest values", () => {
    const gatherer = new ActorGatherer();
    gatherer.add([
      row(1, 'email:a', 1000, 'a@example.com', 'Aiko'),
      row(2, 'email:a', 3000, 'b@example.com', 'Aiko T.'),
      row(3, 'email:a', 2000, 'a@example.com', 'A.'),
    ]);
    const actor = gatherer.actors.get('email:a')!;
    expect(actor.emails).toEqual(['a@example.com', 'b@example.com']);
    // The latest instant wins, whatever the line order.
    expect(actor.email?.value).toBe('b@example.com');
    expect(actor.displayName?.value).toBe('Aiko T.');
    expect([actor.firstAt, actor.lastAt, actor.firstLine, actor.lastLine]).toEqual([1000, 3000, 1, 3]);
  });

  it('keeps many emails of one actor once each (past the few kept in an array alone)', () => {
    const gatherer = new ActorGatherer();
    const rows: ActorRow[] = [];
    for (let i = 0; i < 40; i++) rows.push(row(i + 1, 'acct', 1000 + i, `u${i % 20}@example.com`));
    gatherer.add(rows);
    const { emails } = gatherer.actors.get('acct')!;
    expect(emails).toEqual(Array.from({ length: 20 }, (_, i) => `u${i}@example.com`));
  });

  it('holds an actor with one email in a few hundred bytes of heap', async () => {
    const n = 50_000;
    // Keys and emails made before measuring: the worker's message brings them, they are not the gatherer's cost.
    const rows = Array.from({ length: n }, (_, i) =>
      row(i + 1, `email:person${i}@example.com`, 1_700_000_000_000 + i, `person${i}@example.com`),
    );
    expect(await collectGarbage()).toBe(true);
    const before = process.memoryUsage().heapUsed;
    const gatherer = new ActorGatherer();
    gatherer.add(rows);
    await collectGarbage();
    const perActor = (process.memoryUsage().heapUsed - before) / n;
    expect(gatherer.actors.size).toBe(n);
    // ~320 bytes on Node 20; 421 with a Set of emails per actor, 455 with arrays grown by spreading.
    expect(perActor).toBeLessThan(370);
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
