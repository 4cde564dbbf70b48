/**
 * The actors of an activities file, aggregated in memory: one entry per actor
 * key (an account, else an email) with what the file says about it — the
 * same columns the set-based `stage_actor` of the rules before held
 * (bench/identity-reference.ts). The parse workers send one ActorRow per
 * staged row with each batch; the importer gathers them while PostgreSQL
 * takes the batch's COPY, so resolution starts with them in hand.
 *
 * Memory is bounded by the file's distinct actors, never by the database. They are alive through the
 * whole parse, the import's peak at 10M rows (issue 12 §1), so they are held in columns, an actor being
 * a number: ~200 bytes each (heap and typed arrays) plus its strings. As objects (an actor, and a
 * `{ value, at, line }` with a boxed instant per value it names) they took ~520, and the 10M-row file's
 * 271,686 actors 147 MB of the heap with their strings; the parse's peak went from 428 to 375 MB.
 */
import type { ActivityRecord, ActorRow } from '../types';
import { actorKey } from './keys';

/** Actors per page of a column. */
const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

/**
 * One field of every actor, in fixed-size pages: growing adds a page, so it never copies and never
 * leaves more than one page unused, where an array grown by doubling left up to half of itself.
 */
class Column<T, P extends { [i: number]: T }> {
  private pages: P[] = [];
  constructor(private readonly page: () => P) {}
  get(i: number): T {
    return this.pages[i >>> PAGE_BITS]![i & MASK]!;
  }
  set(i: number, value: T): void {
    this.pages[i >>> PAGE_BITS]![i & MASK] = value;
  }
  grow(): void {
    this.pages.push(this.page());
  }
  clear(): void {
    this.pages = [];
  }
}

const instants = () => new Column<number, Float64Array>(() => new Float64Array(PAGE));
const lines = () => new Column<number, Uint32Array>(() => new Uint32Array(PAGE));
const values = <T>() => new Column<T, T[]>(() => new Array<T>(PAGE));

/** Whether sighting (at, line) is later than (currentAt, currentLine): the rule for "latest value" (ties: the later line). */
export const isLater = (at: number, line: number, currentAt: number, currentLine: number) =>
  at > currentAt || (at === currentAt && line > currentLine);

/** A value each actor may name, and the sighting that said it: the latest instant wins, then the later line. */
export class Latest {
  private readonly value = values<string | undefined>();
  private readonly at = instants();
  private readonly line = lines();

  /** The actor's value, if any row of it named one. */
  get(i: number): string | undefined {
    return this.value.get(i);
  }
  see(i: number, value: string | null, at: number, line: number): void {
    if (value === null) return;
    const current = this.value.get(i);
    if (current !== undefined && !isLater(at, line, this.at.get(i), this.line.get(i))) return;
    // The same text keeps the string already held: taking each row's copy of it (the parse worker's message is a
    // copy) made every row's strings outlive the batch, and the ones they replaced old-generation garbage that
    // only a full GC frees, which V8 puts off while the heap grows.
    if (current !== value) this.value.set(i, value);
    this.at.set(i, at);
    this.line.set(i, line);
  }
  /** The value with its sighting, for a checksum of the gathered actors (bench/parse.ts). */
  sighting(i: number): { value: string; at: number; line: number } | undefined {
    const value = this.value.get(i);
    return value === undefined ? undefined : { value, at: this.at.get(i), line: this.line.get(i) };
  }
  grow(): void {
    this.value.grow();
    this.at.grow();
    this.line.grow();
  }
  clear(): void {
    this.value.clear();
    this.at.clear();
    this.line.clear();
  }
}

const NO_EMAILS: readonly string[] = Object.freeze([]);

/** Emails an actor names beyond which they are also kept in a Set: `includes` over an array is linear. */
const FEW_EMAILS = 8;

/**
 * The actors of a file, gathered from the parse worker's batches while they are staged: actor `i`
 * (0 ≤ i < size, in the order first seen) is row `i` of every column.
 */
export class Actors {
  private readonly index = new Map<string, number>();

  /** The actor key (actorKey). */
  readonly key = values<string>();
  /** Set only when the actor is an account (both known). */
  readonly provider = values<string | undefined>();
  readonly externalUserId = values<string | undefined>();
  readonly handle = new Latest();
  /** The latest email. */
  readonly email = new Latest();
  readonly displayName = new Latest();
  readonly organization = new Latest();
  /** accounts.attributes of the latest row that had some, as JSON text. */
  readonly attributes = new Latest();
  readonly firstAt = instants();
  readonly lastAt = instants();
  readonly firstLine = lines();
  readonly lastLine = lines();
  /** Filled by resolution. */
  readonly developerId = values<string | undefined>();
  /**
   * Every email the actor's rows name, each once, in the order first named: none, the one (most actors name
   * one or none), or an array of exactly their number. Past a few they are also kept in a Set, so that a file
   * of one account with a new email per row stays linear.
   */
  private readonly emailList = values<string | string[] | undefined>();
  private readonly emailSets = new Map<number, Set<string>>();

  get size(): number {
    return this.index.size;
  }

  /** The actor of a key, for tests. */
  indexOf(key: string): number | undefined {
    return this.index.get(key);
  }

  emails(i: number): readonly string[] {
    const emails = this.emailList.get(i);
    if (emails === undefined) return NO_EMAILS;
    return typeof emails === 'string' ? [emails] : emails;
  }

  add(rows: readonly ActorRow[]): void {
    for (const row of rows) this.addRow(row);
  }

  /** Lets go of every actor (once resolved: what follows reads `stage_actor`). */
  clear(): void {
    this.index.clear();
    this.emailSets.clear();
    for (const column of this.columns()) column.clear();
  }

  /** Actor `i` as one object, for a checksum of the gathered actors (bench/parse.ts). */
  plain(i: number) {
    return {
      key: this.key.get(i),
      provider: this.provider.get(i),
      externalUserId: this.externalUserId.get(i),
      handle: this.handle.sighting(i),
      email: this.email.sighting(i),
      displayName: this.displayName.sighting(i),
      organization: this.organization.sighting(i),
      attributes: this.attributes.sighting(i),
      emails: this.emails(i),
      firstAt: this.firstAt.get(i),
      lastAt: this.lastAt.get(i),
      firstLine: this.firstLine.get(i),
      lastLine: this.lastLine.get(i),
      developerId: this.developerId.get(i),
    };
  }

  private columns() {
    return [
      this.key,
      this.provider,
      this.externalUserId,
      this.handle,
      this.email,
      this.displayName,
      this.organization,
      this.attributes,
      this.firstAt,
      this.lastAt,
      this.firstLine,
      this.lastLine,
      this.developerId,
      this.emailList,
    ];
  }

  private addRow([line, key, at, provider, externalUserId, handle, email, name, org, attrs]: ActorRow): void {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.index.size;
      // The first actor of a page: every column takes one more.
      if ((i & MASK) === 0) for (const column of this.columns()) column.grow();
      this.index.set(key, i);
      // An account actor's key is its provider and id: every row of it names both.
      const account = provider !== null && externalUserId !== null;
      this.key.set(i, key);
      this.provider.set(i, account ? provider : undefined);
      this.externalUserId.set(i, account ? externalUserId : undefined);
      this.firstAt.set(i, at);
      this.lastAt.set(i, at);
      this.firstLine.set(i, line);
      this.lastLine.set(i, line);
    } else {
      this.firstAt.set(i, Math.min(this.firstAt.get(i), at));
      this.lastAt.set(i, Math.max(this.lastAt.get(i), at));
      this.firstLine.set(i, Math.min(this.firstLine.get(i), line));
      this.lastLine.set(i, Math.max(this.lastLine.get(i), line));
    }
    this.handle.see(i, handle, at, line);
    this.email.see(i, email, at, line);
    this.displayName.see(i, name, at, line);
    this.organization.see(i, org, at, line);
    this.attributes.see(i, attrs, at, line);
    if (email !== null) this.addEmail(i, email);
  }

  private addEmail(i: number, email: string): void {
    const emails = this.emailList.get(i);
    if (emails === undefined) return this.emailList.set(i, email);
    if (typeof emails === 'string') {
      if (emails !== email) this.emailList.set(i, [emails, email]);
      return;
    }
    if (emails.length < FEW_EMAILS) {
      // A new array of the exact size: pushing onto one grows it to 17 slots at once.
      if (!emails.includes(email)) this.emailList.set(i, emails.concat(email));
      return;
    }
    let set = this.emailSets.get(i);
    if (!set) this.emailSets.set(i, (set = new Set(emails)));
    if (set.has(email)) return;
    set.add(email);
    emails.push(email);
  }
}

/**
 * The parse worker's ActorRow of a record, or undefined when it names nobody
 * resolution knows (anonymous): the same rows and values the stage holds.
 */
export function actorRow(record: ActivityRecord): ActorRow | undefined {
  const { actor } = record;
  const account = actor.provider !== undefined && actor.externalUserId !== undefined;
  if (!account && actor.email === undefined) return undefined;
  return [
    record.line,
    actorKey(actor)!,
    record.occurredAt,
    account ? actor.provider! : null,
    account ? actor.externalUserId! : null,
    actor.handle ?? null,
    actor.email ?? null,
    actor.displayName ?? null,
    actor.organization ?? null,
    actor.attributes ? JSON.stringify(actor.attributes) : null,
  ];
}
