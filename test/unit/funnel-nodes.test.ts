/**
 * The day tree of derived.funnel_bits: a period's nodes cover exactly its
 * days, once each, in few nodes, all of stored levels (a merge writes only
 * those); every node holding a day is among the day's nodes; the app's whole
 * date range has positive tree days.
 */
import { describe, expect, it } from 'vitest';
import {
  funnelDay,
  funnelDim,
  LEVELS,
  nodeDays,
  nodeOf,
  nodesOfDay,
  periodNodes,
  STORED_LEVELS,
} from '../../src-main/core/derived/funnel-nodes';

/** The days the nodes cover, each as often as a node covers it. */
function covered(nodes: readonly number[]): number[] {
  const days: number[] = [];
  for (const node of nodes) {
    const { from, to } = nodeDays(node);
    for (let d = from; d < to; d++) days.push(d);
  }
  return days.sort((a, b) => a - b);
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

describe('periodNodes', () => {
  it('covers exactly the days of any period, each once', () => {
    const starts = [0, 1, 7, 511, 512, 513, 23_741, 24_000];
    const lengths = [0, 1, 2, 3, 30, 31, 90, 365, 366, 1000, 3000];
    for (const from of starts)
      for (const n of lengths) expect(covered(periodNodes(from, from + n)), `${from}+${n}`).toEqual(range(from, from + n));
  });

  it('uses only stored levels, and not all ten: a merge rewrites one row per stored level of each cell', () => {
    expect(STORED_LEVELS.length).toBeLessThan(LEVELS / 2);
    expect(STORED_LEVELS[0]).toBe(0);
    const stored = (node: number) => STORED_LEVELS.some((l) => nodeOf(l, nodeDays(node).from) === node);
    for (let from = 23_000; from < 23_600; from += 7) expect(periodNodes(from, from + 400).every(stored), `${from}`).toBe(true);
    expect(nodesOfDay(23_741).map((n) => Math.floor(n / 100_000))).toEqual([...STORED_LEVELS]);
  });

  it('needs few nodes: any quarter or year ≤ 32, everything the app keeps < 140', () => {
    for (let from = funnelDay('2020-01-01'); from < funnelDay('2022-01-01'); from++) {
      expect(periodNodes(from, from + 92).length).toBeLessThanOrEqual(32);
      expect(periodNodes(from, from + 366).length).toBeLessThanOrEqual(32);
    }
    // About 130 years in 512-day nodes and the edges.
    expect(periodNodes(funnelDay('1970-01-01'), funnelDay('2100-01-01')).length).toBeLessThan(140);
  });

  it('each node of a period is one of the nodes of each of its days', () => {
    for (const node of periodNodes(funnelDay('2025-11-17'), funnelDay('2026-02-09'))) {
      const { from, to } = nodeDays(node);
      for (let d = from; d < to; d++) expect(nodesOfDay(d)).toContain(node);
    }
  });
});

describe('tree days and dimensions', () => {
  it('numbers every day the app keeps, in any zone, from 1 up, below the span of a level', () => {
    expect(funnelDay('1960-01-01')).toBe(0);
    expect(funnelDay('1969-12-31')).toBeGreaterThan(0);
    expect(funnelDay('2100-01-02')).toBeLessThan(65_536);
    expect(funnelDay('2026-04-02') - funnelDay('2026-04-01')).toBe(1);
  });

  it('names the slice of each filter', () => {
    expect(funnelDim({})).toBe('');
    expect(funnelDim({ source: 'web' })).toBe('source:web');
    expect(funnelDim({ campaignId: 'c' })).toBe('campaign:c');
    expect(funnelDim({ campaignId: 'c', source: 'web' })).toBe('campaign:c|source:web');
  });
});
