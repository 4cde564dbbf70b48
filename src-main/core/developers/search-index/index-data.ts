/**
 * The Developers page's filters, search and sorts over derived.developer_search
 * held in memory (issue 12 §4): every developer's folded search text in one
 * UTF-8 buffer (a `\0` ends each, so no folded query matches across two
 * developers), filters as typed arrays and dictionary ids, and each order as a
 * permutation of slots. A query is one `Buffer.indexOf` loop over the text
 * plus a walk of one order: a few ms at 100k developers, where LIKE over
 * the table takes 40–50 ms.
 *
 * Answers equal filters.ts's SQL: LIKE '%key%' on UTF-8 text is a byte
 * substring test; the orders are the SQL's terms (`desc nulls last` = desc
 * with null lowest; a reversed order is the exact reverse, every order ending
 * in the id); text compares as bytes, which is PostgreSQL's C and builtin
 * C.UTF-8 collations. Another collation gives the name order from SQL
 * (`setNameOrder`).
 *
 * Pure data, no I/O: the worker (worker.ts) feeds it rows and asks it questions.
 */
import type { DeveloperSort } from '../../../../src-shared/contract/developers';

/** One derived.developer_search row, as the worker reads it. */
export interface IndexRow {
  id: string;
  text: string;
  sortName: string | null;
  orgId: string | null;
  tags: readonly string[];
  providers: readonly string[];
  stage: number | null;
  total: number;
  /** Microseconds since the epoch (PostgreSQL's precision), null = never. */
  lastAction: number | null;
}

export interface IndexQuery {
  /** The folded search key (identity/normalise.ts searchKey); '' = no search. */
  key: string;
  /** highest_stage's order_no. */
  stage?: number;
  tag?: string;
  orgId?: string;
  provider?: string;
  sort: DeveloperSort;
  reverse: boolean;
  offset: number;
  size: number;
}

export interface IndexAnswer {
  total: number;
  ids: string[];
}

const SORTS: readonly DeveloperSort[] = ['lastActivity', 'activityCount', 'name'];
/** Fewer changed rows than this share of the index are moved one by one in each order; more re-sort it. */
const RESORT_SHARE = 0.02;
const EMPTY = new Int32Array(0);

/** Strings to small ids, so that a row holds numbers and a filter compares one. */
class Dictionary {
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
  }
  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}

/**
 * The slots holding each value of a many-valued field (tags, services). A
 * filter reads one value's slots into a flag per slot, so that the order's
 * walk tests a dense array: testing each slot's own list instead (small
 * objects spread over the heap, visited in the order's slot order) took
 * 43–48 ms at 119k developers, against 2 ms for the stage's dense array.
 */
class Postings {
  private readonly values = new Dictionary();
  private readonly slotsOf: Set<number>[] = [];
  /** Per slot, the value ids it is listed under (to take it out again). */
  private held: Int32Array[] = [];

  set(slot: number, values: readonly string[]): void {
    this.clear(slot);
    if (values.length === 0) return;
    const ids = Int32Array.from(values, (v) => this.values.id(v));
    for (const id of ids) (this.slotsOf[id] ??= new Set()).add(slot);
    this.held[slot] = ids;
  }

  clear(slot: number): void {
    const ids = this.held[slot];
    if (!ids) return;
    for (const id of ids) this.slotsOf[id]!.delete(slot);
    this.held[slot] = EMPTY;
  }

  /** A flag per slot (of `slots`), 1 where the slot holds `value`; undefined for a value no slot ever held. */
  flags(value: string, slots: number): Uint8Array | undefined {
    const id = this.values.find(value);
    if (id === undefined) return undefined;
    const flags = new Uint8Array(slots);
    for (const slot of this.slotsOf[id]!) flags[slot] = 1;
    return flags;
  }
}

/** A growable permutation of slots, kept sorted by a comparator. */
class Order {
  slots = new Int32Array(1024);
  length = 0;
  constructor(readonly compare: (a: number, b: number) => number) {}

  private position(slot: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.slots[mid]!, slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  insert(slot: number): void {
    if (this.length === this.slots.length) this.grow(this.length * 2);
    const at = this.position(slot);
    this.slots.copyWithin(at + 1, at, this.length);
    this.slots[at] = slot;
    this.length++;
  }
  /** Call while the slot still holds the keys it was inserted with. */
  remove(slot: number): void {
    const at = this.position(slot);
    if (this.slots[at] !== slot) throw new Error(`search index: slot ${slot} is not where its keys place it`);
    this.slots.copyWithin(at, at + 1, this.length);
    this.length--;
  }
  resort(live: Iterable<number>): void {
    const all = Int32Array.from(live);
    if (all.length > this.slots.length) this.grow(all.length);
    all.sort(this.compare);
    this.slots.set(all);
    this.length = all.length;
  }
  set(slots: readonly number[]): void {
    if (slots.length > this.slots.length) this.grow(slots.length);
    this.slots.set(slots);
    this.length = slots.length;
  }
  private grow(size: number): void {
    const next = new Int32Array(Math.max(size, 1024));
    next.set(this.slots.subarray(0, this.length));
    this.slots = next;
  }
}

export class SearchIndex {
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private text = Buffer.alloc(1 << 16);
  private textEnd = 0;
  private dead = 0;
  /** Per slot: where its text starts and ends in `text` (-1 = free slot). */
  private start = new Int32Array(1024).fill(-1);
  private end = new Int32Array(1024);
  private stage = new Int16Array(1024);
  private org = new Int32Array(1024);
  private total = new Float64Array(1024);
  private last = new Float64Array(1024);
  private names: (Buffer | null)[] = [];
  private readonly tags = new Postings();
  private readonly providers = new Postings();
  private readonly orgs = new Dictionary();
  private readonly orders: Record<DeveloperSort, Order>;
  /** When the name order comes from SQL (a collation other than byte order): stale after any change. */
  private nameFromSql = false;
  private nameStale = false;

  constructor(options: { nameFromSql?: boolean } = {}) {
    this.nameFromSql = options.nameFromSql ?? false;
    const byId = (a: number, b: number) => (this.ids[a]! < this.ids[b]! ? -1 : this.ids[a]! > this.ids[b]! ? 1 : 0);
    const byLast = (a: number, b: number) => this.last[b]! - this.last[a]!;
    this.orders = {
      lastActivity: new Order((a, b) => byLast(a, b) || byId(a, b)),
      activityCount: new Order((a, b) => this.total[b]! - this.total[a]! || byLast(a, b) || byId(a, b)),
      name: new Order((a, b) => compareNames(this.names[a]!, this.names[b]!) || byId(a, b)),
    };
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Whether the name order must be read from SQL (setNameOrder) before a query sorted by name. */
  get needsNameOrder(): boolean {
    return this.nameFromSql && this.nameStale;
  }

  /** Adds or replaces these developers' rows. */
  upsert(rows: readonly IndexRow[]): void {
    const bulk = rows.length > RESORT_SHARE * this.size;
    for (const row of rows) {
      let slot = this.slotOf.get(row.id);
      if (slot !== undefined) {
        if (!bulk) for (const sort of this.movedSorts()) this.orders[sort].remove(slot);
        this.clearText(slot);
      } else {
        slot = this.free.pop() ?? this.ids.length;
        if (slot === this.ids.length) this.ids.push(row.id);
        this.ids[slot] = row.id;
        this.slotOf.set(row.id, slot);
        this.ensure(slot + 1);
      }
      this.write(slot, row);
      if (!bulk) for (const sort of this.movedSorts()) this.orders[sort].insert(slot);
    }
    if (bulk) this.resort();
    if (rows.length > 0) this.nameStale = true;
    this.compactIfWasteful();
  }

  /** Drops these developers (unknown ids are ignored). */
  remove(ids: readonly string[]): void {
    const slots = ids.map((id) => this.slotOf.get(id)).filter((slot): slot is number => slot !== undefined);
    const bulk = slots.length > RESORT_SHARE * this.size;
    for (const slot of slots) {
      if (!bulk) for (const sort of this.movedSorts()) this.orders[sort].remove(slot);
      this.clearText(slot);
      this.tags.clear(slot);
      this.providers.clear(slot);
      this.start[slot] = -1;
      this.slotOf.delete(this.ids[slot]!);
      this.free.push(slot);
    }
    if (bulk) this.resort();
    if (slots.length > 0) this.nameStale = true;
  }

  /** The name order as SQL gives it (ids, every developer of the index once). */
  setNameOrder(ids: readonly string[]): void {
    const slots = ids.map((id) => this.slotOf.get(id)).filter((slot): slot is number => slot !== undefined);
    this.orders.name.set(slots);
    this.nameStale = false;
  }

  query(q: IndexQuery): IndexAnswer {
    if (q.sort === 'name' && this.needsNameOrder) throw new Error('search index: the name order is stale; set it from SQL first');
    const matched = q.key === '' ? null : this.find(q.key);
    const test = this.filter(q);
    if (test === false) return { total: 0, ids: [] };
    const order = this.orders[q.sort];
    const ids: string[] = [];
    let total = 0;
    const take = (slot: number) => {
      if ((matched !== null && matched[slot] === 0) || (test !== null && !test(slot))) return;
      if (total >= q.offset && ids.length < q.size) ids.push(this.ids[slot]!);
      total++;
    };
    const { slots, length } = order;
    if (q.reverse) for (let i = length - 1; i >= 0; i--) take(slots[i]!);
    else for (let i = 0; i < length; i++) take(slots[i]!);
    return { total, ids };
  }

  /** Bytes held, roughly: the text buffer and the per-slot arrays (the README's figure). */
  memoryBytes(): number {
    const perSlot = 4 + 4 + 2 + 4 + 8 + 8 + 3 * 4;
    // The text twice: the buffer, and the one-byte string searched (built at the first search after a change).
    return 2 * this.text.length + this.start.length * perSlot + this.size * 120;
  }

  /** A flag per slot: 1 where the key occurs in the slot's text. */
  private find(key: string): Uint8Array {
    const matched = new Uint8Array(this.ids.length);
    // Bytes as a one-byte string: String#indexOf stays in the engine, where a Buffer#indexOf call
    // per match crosses into C++ (a query that matches every developer: ~4x faster).
    const needle = Buffer.from(key, 'utf8').toString('latin1');
    // A \0 could only match the separators; PostgreSQL text never holds one, so nothing matches.
    if (needle.includes('\0')) return matched;
    const { positions, slots, haystack } = this.textStarts();
    // Matches come in text order, so the slot holding each is found by walking forward.
    let k = 0;
    for (let at = haystack.indexOf(needle); at >= 0;) {
      while (k + 1 < positions.length && positions[k + 1]! <= at) k++;
      const slot = slots[k]!;
      matched[slot] = 1;
      // On from the end of this developer's text: one match per developer.
      at = haystack.indexOf(needle, this.end[slot]! + 1);
    }
    return matched;
  }

  /** A test per slot for the filters, null for none, false when nothing can match (an unknown tag, service or organization). */
  private filter(q: IndexQuery): ((slot: number) => boolean) | null | false {
    const tests: ((slot: number) => boolean)[] = [];
    if (q.stage !== undefined) tests.push((slot) => this.stage[slot] === q.stage);
    if (q.orgId !== undefined) {
      const org = this.orgs.find(q.orgId);
      if (org === undefined) return false;
      tests.push((slot) => this.org[slot] === org);
    }
    if (q.tag !== undefined) {
      const tagged = this.tags.flags(q.tag, this.ids.length);
      if (tagged === undefined) return false;
      tests.push((slot) => tagged[slot] === 1);
    }
    if (q.provider !== undefined) {
      const onService = this.providers.flags(q.provider, this.ids.length);
      if (onService === undefined) return false;
      tests.push((slot) => onService[slot] === 1);
    }
    if (tests.length === 0) return null;
    return (slot) => tests.every((test) => test(slot));
  }

  private cachedStarts: TextStarts | null = null;
  /** The text as searched, and its live slots sorted by where their text starts: built once per change. */
  private textStarts(): TextStarts {
    if (this.cachedStarts) return this.cachedStarts;
    const slots = Int32Array.from(this.slotOf.values()).sort((a, b) => this.start[a]! - this.start[b]!);
    const positions = new Int32Array(slots.length);
    for (let i = 0; i < slots.length; i++) positions[i] = this.start[slots[i]!]!;
    return (this.cachedStarts = { positions, slots, haystack: this.text.toString('latin1', 0, this.textEnd) });
  }

  private write(slot: number, row: IndexRow): void {
    this.cachedStarts = null;
    const bytes = Buffer.byteLength(row.text, 'utf8');
    if (this.textEnd + bytes + 1 > this.text.length) this.growText(this.textEnd + bytes + 1);
    this.start[slot] = this.textEnd;
    this.textEnd += this.text.write(row.text, this.textEnd, 'utf8');
    this.end[slot] = this.textEnd;
    this.text[this.textEnd++] = 0;
    this.stage[slot] = row.stage ?? -1;
    this.org[slot] = row.orgId === null ? -1 : this.orgs.id(row.orgId);
    this.total[slot] = row.total;
    this.last[slot] = row.lastAction ?? -Infinity;
    this.names[slot] = row.sortName === null ? null : Buffer.from(row.sortName, 'utf8');
    this.tags.set(slot, row.tags);
    this.providers.set(slot, row.providers);
  }

  /** Blanks a slot's old text so that no search finds it (its bytes are reclaimed by compaction). */
  private clearText(slot: number): void {
    this.cachedStarts = null;
    this.text.fill(0, this.start[slot]!, this.end[slot]! + 1);
    this.dead += this.end[slot]! + 1 - this.start[slot]!;
  }

  private movedSorts(): DeveloperSort[] {
    return this.nameFromSql ? SORTS.filter((s) => s !== 'name') : [...SORTS];
  }

  private resort(): void {
    const live = [...this.slotOf.values()];
    for (const sort of this.movedSorts()) this.orders[sort].resort(live);
  }

  private ensure(slots: number): void {
    if (slots <= this.start.length) return;
    const size = Math.max(slots, this.start.length * 2);
    const grow = <T extends Int32Array | Int16Array | Float64Array>(old: T, make: (n: number) => T, fill?: number): T => {
      const next = make(size);
      if (fill !== undefined) next.fill(fill);
      next.set(old);
      return next;
    };
    this.start = grow(this.start, (n) => new Int32Array(n), -1);
    this.end = grow(this.end, (n) => new Int32Array(n));
    this.stage = grow(this.stage, (n) => new Int16Array(n));
    this.org = grow(this.org, (n) => new Int32Array(n));
    this.total = grow(this.total, (n) => new Float64Array(n));
    this.last = grow(this.last, (n) => new Float64Array(n));
  }

  private growText(needed: number): void {
    const next = Buffer.alloc(Math.max(needed, this.text.length * 2));
    this.text.copy(next, 0, 0, this.textEnd);
    this.text = next;
  }

  /** Rewrites the text without the blanked bytes once they are most of it. */
  private compactIfWasteful(): void {
    if (this.dead < 1 << 20 || this.dead < this.textEnd / 2) return;
    const next = Buffer.alloc(Math.max(1 << 16, (this.textEnd - this.dead) * 2));
    let at = 0;
    for (const slot of [...this.slotOf.values()].sort((a, b) => this.start[a]! - this.start[b]!)) {
      const length = this.end[slot]! - this.start[slot]!;
      this.text.copy(next, at, this.start[slot]!, this.end[slot]! + 1);
      this.start[slot] = at;
      this.end[slot] = at + length;
      at += length + 1;
    }
    this.text = next;
    this.textEnd = at;
    this.dead = 0;
    this.cachedStarts = null;
  }
}

/** Sorted text positions, the slot starting at each, and the text's bytes as a one-byte string. */
interface TextStarts {
  positions: Int32Array;
  slots: Int32Array;
  haystack: string;
}

/** sort_name ascending, nulls last; bytes compare as PostgreSQL's C collation does. */
function compareNames(a: Buffer | null, b: Buffer | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return Buffer.compare(a, b);
}
