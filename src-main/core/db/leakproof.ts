/**
 * Under row-level security the planner may use an index for a condition
 * only when its operator is LEAKPROOF: any other runs after the policy, as
 * a filter over every row the tenant holds. citext's `=` is not marked (an
 * extension's functions are created as they ship, and only a superuser may
 * mark one), so every look-up by email (a profile, an unmerge, the import's
 * known identities) read all the tenant's developers: 47–76 ms at 50k
 * developers where the index answers in a fraction of a millisecond, and
 * `= any(emails)` compared each row with every email.
 *
 * `citext_eq` folds both sides to lower case and compares them: no side
 * effect, and no error that depends on the values (both are valid text of
 * the database's encoding) — what LEAKPROOF asks, as for `texteq`, which
 * PostgreSQL marks. The embedded cluster marks it with its superuser after
 * migrating; an external database is told how (README "Tenants and
 * row-level security").
 */
import pg from 'pg';
import type { EmbeddedPostgres } from './postgres';

const CITEXT_EQ = 'public.citext_eq(public.citext, public.citext)';

/**
 * After migrating: the embedded cluster's superuser marks citext's equality
 * (on the app's database, at every start: a restored database comes without
 * the mark); an external database's administrator is told how by the start
 * that migrated it (`drm migrate`, the team server's first start, an
 * upgrade), not by every command run on it.
 */
export async function allowEmailIndexes(
  server: Pick<EmbeddedPostgres, 'superuserUrl' | 'url'> | undefined,
  ownerUrl: string,
  migrated: boolean,
  onNotice?: (message: string) => void,
): Promise<void> {
  if (!server && !migrated) return;
  let connectionString = ownerUrl;
  if (server) {
    const superuser = new URL(server.superuserUrl);
    superuser.pathname = new URL(server.url).pathname;
    connectionString = superuser.toString();
  }
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    if (await citextEqualityTrusted(client)) return;
    if (server) await trustCitextEquality(client);
    else onNotice?.(CITEXT_EQUALITY_NOTICE);
  } finally {
    await client.end();
  }
}

/** Marks it: `client` must be a superuser's, on the database to mark. */
export async function trustCitextEquality(client: Pick<pg.Client, 'query'>): Promise<void> {
  await client.query(`alter function ${CITEXT_EQ} leakproof`);
}

export async function citextEqualityTrusted(client: Pick<pg.Client, 'query'>): Promise<boolean> {
  const { rows } = await client.query<{ leakproof: boolean }>(
    `select proleakproof as leakproof from pg_proc where oid = $1::regprocedure`,
    [CITEXT_EQ],
  );
  return rows[0]?.leakproof === true;
}

/** What an external database's administrator is told when citext's equality is not marked. */
export const CITEXT_EQUALITY_NOTICE =
  'Look-ups by email read every developer of the tenant on this database: row-level security keeps the index of citext columns ' +
  `unused while citext's equality is not LEAKPROOF. A superuser can allow it once: ALTER FUNCTION ${CITEXT_EQ} LEAKPROOF; ` +
  '(README "Tenants and row-level security").';
