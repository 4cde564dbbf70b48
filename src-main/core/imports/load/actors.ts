/**
 * The actors of an activities file, aggregated in memory: one entry per actor
 * key (an account, else an email) with what the file says about it — the
 * same columns the set-based `stage_actor` of the rules before held
 * (bench/identity-reference.ts). The parse workers send one ActorRow per
 * staged row with each batch; the importer gathers them while PostgreSQL
 * takes the batch's COPY, so resolution starts with them in hand.
 *
 * Memory is bounded by the file's distinct actors, never by the database:
 * about 400 bytes per actor plus its strings (≈ 25 MB for 60k actors).
 */
import type { ActivityRecord, ActorRow } from '../types';
import { actorKey } from './keys';

/** A value with the sighting that said it: the latest instant wins, then the later line. */
export interface Sighting<T> {
  value: T;
  at: number;
  line: number;
}

export interface ActorSighting {
  key: string;
  /** Set only when the actor is an account (both known). */
  provider?: string;
  externalUserId?: string;
  handle?: Sighting<string>;
  email?: Sighting<string>;
  displayName?: Sighting<string>;
  organization?: Sighting<string>;
  /** accounts.attributes of the latest row that had some, as JSON text. */
  attributes?: Sighting<string>;
  /**
   * Every email the actor's rows name, each once, in the order first named. An array of exactly their
   * number (one shared empty one for none), not a Set: most actors name one or none, and the Set took
   * ~150 bytes of heap each against 0–56, ~25 MB of the importer's heap at 1M rows, alive through the
   * parse (the import's peak). Past a few emails they are also kept in `emailSet`, so that a file of one
   * account with a new email per row stays linear.
   */
  emails: readonly string[];
  emailSet?: Set<string>;
  firstAt: number;
  lastAt: number;
  firstLine: number;
  lastLine: number;
  /** Filled by resolution. */
  developerId?: string;
}

/** Whether sighting (at, line) is later than `current`: the rule for "latest value" (ties: the later line). */
export const isLater = (at: number, line: number, current: { at: number; line: number } | undefined) =>
  !current || at > current.at || (at === current.at && line > current.line);

/** The later of `current` and this sighting; updated in place (one object per actor and column, not per row). */
function see<T>(current: Sighting<T> | undefined, value: T | null, at: number, line: number): Sighting<T> | undefined {
  if (value === null) return current;
  if (!current) return { value, at, line };
  if (isLater(at, line, current)) {
    // The same text keeps the string already held: taking each row's copy of it (the parse worker's message is a
    // copy) made every row's strings outlive the batch, and the ones they replaced old-generation garbage that
    // only a full GC frees, which V8 puts off while the heap grows.
    if (current.value !== value) current.value = value;
    current.at = at;
    current.line = line;
  }
  return current;
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

/** The actors of a file, gathered from the parse worker's batches while they are staged. */
export class ActorGatherer {
  readonly actors = new Map<string, ActorSighting>();

  add(rows: readonly ActorRow[]): void {
    for (const row of rows) addRow(this.actors, row);
  }
}

function addRow(actors: Map<string, ActorSighting>, [line, key, at, provider, externalUserId, handle, email, name, org, attrs]: ActorRow) {
  let actor = actors.get(key);
  if (!actor) {
    // An account actor's key is its provider and id: every row of it names both.
    const account = provider !== null && externalUserId !== null;
    // Every field from the start, in one order: added later (as each row's sightings and resolution set them),
    // they went to a second, growable store per actor, ~60 bytes more of the heap each.
    actor = {
      key,
      provider: account ? provider : undefined,
      externalUserId: account ? externalUserId : undefined,
      handle: undefined,
      email: undefined,
      displayName: undefined,
      organization: undefined,
      attributes: undefined,
      emails: NO_EMAILS,
      firstAt: at,
      lastAt: at,
      firstLine: line,
      lastLine: line,
      developerId: undefined,
    };
    actors.set(key, actor);
  }
  actor.firstAt = Math.min(actor.firstAt, at);
  actor.lastAt = Math.max(actor.lastAt, at);
  actor.firstLine = Math.min(actor.firstLine, line);
  actor.lastLine = Math.max(actor.lastLine, line);
  actor.handle = see(actor.handle, handle, at, line);
  actor.email = see(actor.email, email, at, line);
  actor.displayName = see(actor.displayName, name, at, line);
  actor.organization = see(actor.organization, org, at, line);
  actor.attributes = see(actor.attributes, attrs, at, line);
  if (email !== null) addEmail(actor, email);
}

const NO_EMAILS: readonly string[] = Object.freeze([]);

/** Emails an actor names beyond which they are also kept in a Set: `includes` over an array is linear. */
const FEW_EMAILS = 8;

function addEmail(actor: ActorSighting, email: string): void {
  const { emails } = actor;
  if (emails.length < FEW_EMAILS) {
    // A new array of the exact size: pushing onto one grows it to 17 slots at once.
    if (!emails.includes(email)) actor.emails = emails.length === 0 ? [email] : emails.concat(email);
    return;
  }
  actor.emailSet ??= new Set(emails);
  if (actor.emailSet.has(email)) return;
  actor.emailSet.add(email);
  (emails as string[]).push(email);
}
