/**
 * The query benchmark's arithmetic (bench/timing.ts): nearest-rank
 * percentiles, the warm-up/timed loop, and the stage-by-stage comparison
 * that decides MATCH or MISMATCH against DuckDB.
 */
import { describe, expect, it } from 'vitest';
import {
  formatTable,
  funnelDifferences,
  integerOption,
  interleave,
  median,
  percentile,
  timeRuns,
  type FunnelNumbers,
} from '../../bench/timing';

const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);

describe('integerOption', () => {
  it('reads digits with _ or , between them, and refuses what is not a whole number at least min', () => {
    expect(integerOption('rows', '1_000_000', 1)).toBe(1_000_000);
    expect(integerOption('rows', '200,000', 1)).toBe(200_000);
    expect(integerOption('seed', '0', 0)).toBe(0);
    expect(() => integerOption('runs', '0', 1)).toThrow('--runs must be an integer ≥ 1, got "0"');
    expect(() => integerOption('runs', '2.5', 1)).toThrow('--runs must be an integer ≥ 1, got "2.5"');
    expect(() => integerOption('rows', 'many', 1)).toThrow('--rows must be an integer ≥ 1, got "many"');
  });
});

describe('median', () => {
  it('is the middle run, or the mean of the two middle ones, whatever the order given', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow('no measurements');
  });
});

describe('percentile (nearest rank)', () => {
  it('takes the value at rank ⌈p/100 · n⌉ of 20 runs', () => {
    expect(percentile(oneToTwenty, 50)).toBe(10); // rank 10
    expect(percentile(oneToTwenty, 95)).toBe(19); // rank 19: the second slowest
    expect(percentile(oneToTwenty, 100)).toBe(20);
    expect(percentile(oneToTwenty, 1)).toBe(1);
  });

  it('is always a measured value, never an interpolation', () => {
    expect(percentile([3, 8, 30], 50)).toBe(8); // rank 2
    expect(percentile([3, 8], 50)).toBe(3); // rank 1
    expect(percentile([7], 95)).toBe(7);
  });

  it('refuses no measurements and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow('no measurements');
    expect(() => percentile([1], 0)).toThrow('(0, 100]');
    expect(() => percentile([1], 101)).toThrow('(0, 100]');
  });
});

describe('timeRuns', () => {
  it('runs the warm-ups untimed, then the timed runs, keeping the first timed result', async () => {
    const calls: number[] = [];
    const timed = await timeRuns(
      async (i) => {
        calls.push(i);
        return `result ${calls.length}`;
      },
      4,
      2,
    );
    expect(calls).toEqual([0, 1, 0, 1, 2, 3]);
    expect(timed.ms).toHaveLength(4);
    expect(timed.ms).toEqual([...timed.ms].sort((a, b) => a - b));
    expect(timed.first).toBe('result 3');
  });
});

const funnel = (anonymous: number, ...stages: [string, number, number][]): FunnelNumbers => ({
  anonymous,
  stages: stages.map(([key, reached, atOrBeyond]) => ({ key, reached, atOrBeyond })),
});

describe('funnelDifferences', () => {
  const reference = funnel(40, ['awareness', 100, 120], ['engagement', 30, 20], ['adoption', 5, 5]);

  it('finds none when every stage and the anonymous count agree', () => {
    expect(funnelDifferences(funnel(40, ['awareness', 100, 120], ['engagement', 30, 20], ['adoption', 5, 5]), reference)).toEqual([]);
  });

  it('names each number that differs, with both values', () => {
    expect(funnelDifferences(funnel(41, ['awareness', 100, 121], ['engagement', 29, 20], ['adoption', 5, 5]), reference)).toEqual([
      'anonymous: app 41, DuckDB 40',
      'awareness atOrBeyond: app 121, DuckDB 120',
      'engagement reached: app 29, DuckDB 30',
    ]);
  });

  it('reports a stage only one side has, and stages in another order', () => {
    expect(funnelDifferences(funnel(40, ['awareness', 100, 120], ['engagement', 30, 20]), reference)).toEqual(['adoption: only in DuckDB']);
    expect(funnelDifferences(funnel(40, ['engagement', 30, 20], ['awareness', 100, 120], ['adoption', 5, 5]), reference)).toEqual([
      'stage order: app engagement → awareness → adoption, DuckDB awareness → engagement → adoption',
    ]);
  });
});

describe('formatTable', () => {
  it('prints p50 and p95 against the target, and a row without times for a query that did not answer', () => {
    const lines = formatTable([
      { name: 'funnel', ms: oneToTwenty.map((x) => x * 9), targetMs: 100, detail: 'fast row' },
      { name: 'edge', ms: oneToTwenty.map((x) => x * 10), targetMs: 100, detail: 'p50 at the target' },
      { name: 'trend', ms: oneToTwenty.map((x) => x * 20), targetMs: 100, detail: 'slow row' },
      { name: 'DuckDB', ms: [5], detail: 'baseline' },
      { name: 'roi', ms: [], detail: 'UNAVAILABLE: Not built yet' },
    ]);
    expect(lines[1]).toMatch(/^funnel\s+20\s+90\.0 ms\s+171\.0 ms\s+< 100 ms\s+ok\s+fast row$/);
    expect(lines[2]).toMatch(/^edge\s+20\s+100\.0 ms\s+190\.0 ms\s+< 100 ms\s+MISS/); // p50 must be below the target
    expect(lines[3]).toMatch(/^trend\s+20\s+200\.0 ms\s+380\.0 ms\s+< 100 ms\s+MISS/);
    expect(lines[4]).toMatch(/^DuckDB\s+1\s+5\.0 ms\s+5\.0 ms\s+—\s+baseline$/);
    expect(lines[5]).toMatch(/^roi\s+—.*n\/a\s+UNAVAILABLE: Not built yet$/);
  });
});

describe('interleave', () => {
  it('runs every subject once per round, in the given order, and times each round apart', async () => {
    const calls: string[] = [];
    const ms = await interleave(
      {
        baseline: async (round) => void calls.push(`baseline ${round}`),
        subject: async (round) => void calls.push(`subject ${round}`),
      },
      3,
    );
    expect(calls).toEqual(['baseline 0', 'subject 0', 'baseline 1', 'subject 1', 'baseline 2', 'subject 2']);
    expect(ms.baseline).toHaveLength(3);
    expect(ms.subject).toHaveLength(3);
    expect([...ms.baseline, ...ms.subject].every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
  });
});
