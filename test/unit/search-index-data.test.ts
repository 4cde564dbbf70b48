/**
 * SearchIndex (developers/search-index/index-data.ts) kept current row by
 * row gives the same answers as one built from scratch over the same rows:
 * orders moved one slot at a time, blanked and compacted text, reused slots.
 * Its equality with the SQL path is proven on PostgreSQL
 * (test/integration/developer-search-index.test.ts); this checks the
 * incremental paths against the bulk one on many more changes.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex, type IndexQuery, type IndexRow } from '../../src-main/core/developers/search-index/index-data';

const WORDS = ['田中', '佐藤', 'tanaka', 'sato', 'ken', 'アクメ', 'gmail.com', 'a'];

/** A deterministic row for `n`, changed by `round`: names, ties in counts and times, nulls. */
function row(n: number, round: number): IndexRow {
  const pick = (k: number) => WORDS[(n * 7 + k + round * 3) % WORDS.length]!;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    text: `${pick(0)}${pick(1)}\n${pick(2)}@${pick(3)}`,
    sortName: (n + round) % 9 === 0 ? null : `${pick(0)}${pick(1)}`,
    orgId: n % 4 === 0 ? null : `org-${n % 3}`,
    tags: n % 5 === 0 ? [] : [`tag-${(n + round) % 3}`],
    providers: n % 2 === 0 ? ['github'] : ['x', 'github'].slice(round % 2),
    stage: (n + round) % 5 === 0 ? null : (n + round) % 4,
    total: (n * round) % 6,
    lastAction: (n + round) % 7 === 0 ? null : 1_700_000_000_000_000 + ((n * 13 + round) % 10) * 1_000_000,
  };
}

const queries: IndexQuery[] = [];
for (const sort of ['lastActivity', 'activityCount', 'name'] as const) {
  for (const reverse of [false, true]) {
    for (const key of ['', 'a', '田中', 'tanaka', 'sato@', 'ta', 'nobody']) queries.push({ key, sort, reverse, offset: 3, size: 10 });
    queries.push({ key: '', stage: 2, sort, reverse, offset: 0, size: 20 });
    queries.push({ key: '', tag: 'tag-1', provider: 'x', sort, reverse, offset: 0, size: 20 });
    queries.push({ key: 'a', orgId: 'org-2', sort, reverse, offset: 1, size: 20 });
    queries.push({ key: '', tag: 'no-such-tag', sort, reverse, offset: 0, size: 20 });
  }
}

const answers = (index: SearchIndex) => queries.map((q) => index.query(q));

describe('SearchIndex', () => {
  it('changed row by row answers as one built from the final rows', () => {
    const live = new Map<number, IndexRow>();
    const index = new SearchIndex();
    for (let n = 0; n < 400; n++) live.set(n, row(n, 0));
    index.upsert([...live.values()]);
    for (let round = 1; round <= 30; round++) {
      // A few edits, a removal and an addition: each below the share that re-sorts.
      const edits = [round, round * 7, round * 13].map((n) => row(n % 400, round));
      for (const r of edits) live.set(Number(r.id.slice(-12)), r);
      index.upsert(edits);
      const removed = (round * 11) % 400;
      live.delete(removed);
      index.remove([row(removed, 0).id]);
      live.set(400 + round, row(400 + round, round));
      index.upsert([row(400 + round, round)]);
    }
    const fresh = new SearchIndex();
    fresh.upsert([...live.values()]);
    expect(index.size).toBe(live.size);
    expect(answers(index)).toEqual(answers(fresh));
    // Not vacuous: most questions find someone, and the pages differ between orders.
    expect(answers(fresh).filter((a) => a.total > 0).length).toBeGreaterThan(queries.length / 2);
  });

  it('finds nothing in a developer’s old text once the row is replaced, removed, or after compaction', () => {
    const index = new SearchIndex();
    const base = row(1, 0);
    index.upsert([{ ...base, text: 'oldname' }]);
    expect(index.query({ key: 'oldname', sort: 'name', reverse: false, offset: 0, size: 5 }).total).toBe(1);
    // Many rewrites of one row: its dead bytes pass the compaction threshold.
    for (let i = 0; i < 40_000; i++) index.upsert([{ ...base, text: `name-${i}-${'x'.repeat(40)}` }]);
    expect(index.query({ key: 'oldname', sort: 'name', reverse: false, offset: 0, size: 5 }).total).toBe(0);
    expect(index.query({ key: 'name-39999-', sort: 'name', reverse: false, offset: 0, size: 5 })).toEqual({ total: 1, ids: [base.id] });
    expect(index.memoryBytes()).toBeLessThan(8 << 20);
    index.remove([base.id]);
    expect(index.query({ key: 'name', sort: 'lastActivity', reverse: false, offset: 0, size: 5 }).total).toBe(0);
  });

  it('files a developer under the tags and services of their latest row only, and under none once removed', () => {
    const index = new SearchIndex();
    const [one, two] = [row(1, 0), row(2, 0)];
    const count = (filter: Pick<IndexQuery, 'tag' | 'provider'>) =>
      index.query({ key: '', sort: 'lastActivity', reverse: false, offset: 0, size: 5, ...filter }).total;
    index.upsert([
      { ...one, tags: ['vip', 'speaker'], providers: ['github', 'x'] },
      { ...two, tags: ['vip'], providers: ['github'] },
    ]);
    expect([count({ tag: 'vip' }), count({ tag: 'speaker' }), count({ provider: 'x' }), count({ provider: 'github' })]).toEqual([
      2, 1, 1, 2,
    ]);
    index.upsert([{ ...one, tags: ['speaker'], providers: ['github'] }]);
    expect([count({ tag: 'vip' }), count({ tag: 'speaker' }), count({ provider: 'x' })]).toEqual([1, 1, 0]);
    expect(index.query({ key: '', tag: 'vip', sort: 'lastActivity', reverse: false, offset: 0, size: 5 }).ids).toEqual([two.id]);
    index.remove([two.id]);
    expect([count({ tag: 'vip' }), count({ provider: 'github' }), count({ tag: 'vip', provider: 'github' })]).toEqual([0, 1, 0]);
    // A freed slot taken by a new developer starts with only the new row's tags.
    index.upsert([{ ...row(3, 0), tags: [], providers: ['slack'] }]);
    expect([count({ tag: 'vip' }), count({ provider: 'slack' }), count({ provider: 'github' })]).toEqual([0, 1, 1]);
  });

  it('takes the name order from SQL when the collation is not byte order, and refuses a stale one', () => {
    const index = new SearchIndex({ nameFromSql: true });
    const rows = [row(1, 0), row(2, 0), row(3, 0)];
    index.upsert(rows);
    expect(index.needsNameOrder).toBe(true);
    expect(() => index.query({ key: '', sort: 'name', reverse: false, offset: 0, size: 5 })).toThrow(/stale/);
    const collated = [rows[2]!.id, rows[0]!.id, rows[1]!.id];
    index.setNameOrder(collated);
    expect(index.query({ key: '', sort: 'name', reverse: false, offset: 0, size: 5 }).ids).toEqual(collated);
    expect(index.query({ key: '', sort: 'name', reverse: true, offset: 0, size: 5 }).ids).toEqual([...collated].reverse());
    index.upsert([row(2, 1)]);
    expect(index.needsNameOrder).toBe(true);
  });
});
