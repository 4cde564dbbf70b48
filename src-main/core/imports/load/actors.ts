/**
 * The actors of a staged activities file, aggregated in memory: one entry per
 * actor key (an account, else an email) with what the file says about it —
 * the same columns the set-based `stage_actor` of today's rules held
 * (bench/identity-reference.ts), read from the stage once in batches.
 *
 * Memory is bounded by the file's distinct actors, never by the database:
 * about 400 bytes per actor plus its strings (≈ 25 MB for 60k actors).
 */
import type { SqlClient } from '../../db/db';
import { STAGE_ACTIVITY } from './activity-stage';

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
  /** Every email the actor's rows name. */
  emails: Set<string>;
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
    current.value = value;
    current.at = at;
    current.line = line;
  }
  return current;
}

const FETCH_ROWS = 20_000;

type StageRow = [
  number,
  string,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];

/** Reads the stage (anonymous rows name nobody and are left out) into one ActorSighting per actor key. */
export async function readActors(client: SqlClient): Promise<Map<string, ActorSighting>> {
  const actors = new Map<string, ActorSighting>();
  await client.query(
    `declare stage_actor_rows no scroll cursor for
     select line, actor_key, (extract(epoch from occurred_at) * 1000)::float8, provider, external_user_id, handle, email,
            display_name, organization, account_attributes::text
       from ${STAGE_ACTIVITY}
      where (provider is not null and external_user_id is not null) or email is not null`,
  );
  for (;;) {
    const { rows } = await client.query<StageRow>({ text: `fetch ${FETCH_ROWS} from stage_actor_rows`, rowMode: 'array' } as never);
    for (const row of rows as unknown as StageRow[]) addRow(actors, row);
    if (rows.length < FETCH_ROWS) break;
  }
  await client.query('close stage_actor_rows');
  return actors;
}

function addRow(actors: Map<string, ActorSighting>, [line, key, at, provider, externalUserId, handle, email, name, org, attrs]: StageRow) {
  let actor = actors.get(key);
  if (!actor) {
    actor = { key, emails: new Set(), firstAt: at, lastAt: at, firstLine: line, lastLine: line };
    // An account actor's key is its provider and id: every row of it names both.
    if (provider !== null && externalUserId !== null) {
      actor.provider = provider;
      actor.externalUserId = externalUserId;
    }
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
  if (email !== null) actor.emails.add(email);
}
