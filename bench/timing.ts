/**
 * What the benchmarks share: their whole-number options, medians, timing a
 * call repeatedly, nearest-rank percentiles, the result table, and comparing
 * two funnels stage by stage.
 * Pure apart from the clock, so the arithmetic is unit-tested
 * (test/unit/bench-timing.test.ts).
 */

/**
 * A whole-number command-line option: `_` and `,` allowed as digit separators (`--rows 1_000_000`),
 * at least `min`, else an error naming the option.
 */
export function integerOption(name: string, text: string, min: number): number {
  const n = Number(text.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${text}"`);
  return n;
}

/** The median of runs: the middle value, or the mean of the two middle ones for an even count. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no measurements');
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Nearest-rank percentile of ascending `sorted` (the value at rank
 * ⌈p/100 · n⌉): always one of the measured times, never an interpolation, so
 * a p95 of 20 runs is the 19th — the second slowest — run.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no measurements');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Timed<T> {
  /** Milliseconds per timed run, ascending. */
  ms: number[];
  /** The first timed run's result. */
  first: T;
}

/**
 * Calls `run` `warmup` times untimed (caches, plans, JIT), then `runs` times
 * timed, one after another. `run` returns what the first timed run is kept for
 * (the numbers to show or check).
 */
export async function timeRuns<T>(run: (i: number) => Promise<T>, runs: number, warmup = 3): Promise<Timed<T>> {
  for (let i = 0; i < warmup; i++) await run(i);
  const ms: number[] = [];
  let first: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const value = await run(i);
    ms.push(performance.now() - t0);
    if (i === 0) first = value;
  }
  return { ms: ms.sort((a, b) => a - b), first: first as T };
}

export interface Row {
  name: string;
  /** Ascending times; empty when the query could not run. */
  ms: number[];
  /** Target for p50 in ms; undefined = none (a baseline). */
  targetMs?: number;
  detail: string;
}

const fixed = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;

/** The p50/p95 table, one line per query, in the style of the other benchmarks. */
export function formatTable(rows: readonly Row[]): string[] {
  const width = Math.max('query'.length, ...rows.map((r) => r.name.length));
  const lines = [`${'query'.padEnd(width)}  runs        p50         p95   target    result  `];
  for (const r of rows) {
    if (r.ms.length === 0) {
      lines.push(
        `${r.name.padEnd(width)}  ${'—'.padStart(4)}  ${'—'.padStart(10)}  ${'—'.padStart(10)}   ${'—'.padEnd(8)}  n/a   ${r.detail}`,
      );
      continue;
    }
    const p50 = percentile(r.ms, 50);
    const target = r.targetMs === undefined ? '—'.padEnd(8) : `< ${r.targetMs} ms`.padEnd(8);
    const verdict = r.targetMs === undefined ? '    ' : p50 < r.targetMs ? 'ok  ' : 'MISS';
    lines.push(
      `${r.name.padEnd(width)}  ${String(r.ms.length).padStart(4)} ${fixed(p50)}  ${fixed(percentile(r.ms, 95))}   ${target}  ${verdict}  ${r.detail}`,
    );
  }
  return lines;
}

/** Per stage, the numbers both sides must agree on. */
export interface FunnelNumbers {
  anonymous: number;
  stages: readonly { key: string; reached: number; atOrBeyond: number }[];
}

/** Differences between two funnels, one line each; empty = the same numbers. */
export function funnelDifferences(app: FunnelNumbers, reference: FunnelNumbers): string[] {
  const out: string[] = [];
  if (app.anonymous !== reference.anonymous) out.push(`anonymous: app ${app.anonymous}, DuckDB ${reference.anonymous}`);
  const keys = [...new Set([...app.stages.map((s) => s.key), ...reference.stages.map((s) => s.key)])];
  for (const key of keys) {
    const a = app.stages.find((s) => s.key === key);
    const r = reference.stages.find((s) => s.key === key);
    if (!a || !r) {
      out.push(`${key}: only in ${a ? 'the app' : 'DuckDB'}`);
      continue;
    }
    if (a.reached !== r.reached) out.push(`${key} reached: app ${a.reached}, DuckDB ${r.reached}`);
    if (a.atOrBeyond !== r.atOrBeyond) out.push(`${key} atOrBeyond: app ${a.atOrBeyond}, DuckDB ${r.atOrBeyond}`);
  }
  const order = (f: FunnelNumbers) => f.stages.map((s) => s.key).join(' → ');
  if (out.length === 0 && order(app) !== order(reference)) out.push(`stage order: app ${order(app)}, DuckDB ${order(reference)}`);
  return out;
}

/**
 * Runs each subject once per round, in the order given, for `rounds` rounds
 * (A/B/A/B…): a baseline and what it is the baseline of then share whatever
 * load the machine had at that moment. Returns each subject's milliseconds in
 * round order (round i is the i-th element), for per-round reporting.
 */
export async function interleave<K extends string>(
  subjects: Record<K, (round: number) => Promise<unknown>>,
  rounds: number,
): Promise<Record<K, number[]>> {
  const names = Object.keys(subjects) as K[];
  const ms = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const t0 = performance.now();
      await subjects[name](round);
      ms[name].push(performance.now() - t0);
    }
  }
  return ms;
}
