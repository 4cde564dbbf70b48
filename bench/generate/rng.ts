/**
 * Seeded randomness for the data generator, without a dependency.
 *
 * Two tools, for two needs:
 * - `Rng` (mulberry32), a sequential stream: each output file draws from its
 *   own stream (`forkRng(seed, 'activities')`), so asking for one more file
 *   never shifts the bytes of another.
 * - `mix32` / `unit`, stateless hashes of (seed, index, salt): a developer is a
 *   pure function of its index, so 10M activity rows can refer to 500k people
 *   without keeping any of them in memory.
 */

/** murmur3's finaliser: a bijection on 32-bit integers, so distinct inputs never collide. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** 32-bit FNV-1a of a string: turns file names and salts into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A uniform number in [0, 1) that depends only on (seed, index, salt). */
export function unit(seed: number, index: number, salt: number): number {
  return mix32(mix32(seed ^ Math.imul(salt + 1, 0x9e3779b9)) + index) / 4294967296;
}

/** An integer in [0, n) that depends only on (seed, index, salt). */
export function unitInt(seed: number, index: number, salt: number, n: number): number {
  return Math.floor(unit(seed, index, salt) * n);
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: fast, 32 bits of state, good enough for synthetic data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** An independent stream per purpose: `forkRng(seed, 'budgets')`. */
export function forkRng(seed: number, purpose: string): Rng {
  return new Rng(mix32(seed ^ hashString(purpose)));
}

/**
 * Weighted choice with a precomputed cumulative table: built once per list,
 * then one draw and a short scan per row (the lists have a dozen entries).
 */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [item, weight] of entries) {
      sum += weight;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    for (let i = 0; i < this.cumulative.length; i++) if (x < (this.cumulative[i] ?? 0)) return this.items[i] as T;
    return this.items[this.items.length - 1] as T;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * A seeded permutation of [0, n) as `i → (a·i + b) mod n`: visits every index
 * once, in a scrambled order, without an array (used to choose distinct people).
 */
export function affinePermutation(n: number, seed: number, salt: number): (i: number) => number {
  if (n <= 1) return () => 0;
  let a = 1 + unitInt(seed, 0, salt, n - 1);
  while (gcd(a, n) !== 1) a = (a % (n - 1)) + 1;
  const b = unitInt(seed, 1, salt, n);
  // a·i stays below 2^53 (exact in a double) while n < 2^26, i.e. 67M people.
  if (n >= 2 ** 26) throw new Error('affinePermutation: n too large');
  return (i) => (a * i + b) % n;
}
