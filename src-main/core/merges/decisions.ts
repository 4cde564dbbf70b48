/**
 * Decisions about a suggested pair that are not a merge: dismiss (for good)
 * and snooze (until a date). They are developer_merge_logs rows like merges,
 * so the audit trail holds every identity decision and no table is added;
 * into/from hold the pair ordered by id, which is how suggestions look them up.
 */
import type { MergeHistoryEntry } from '../../../src-shared/contract/merges';
import { CoreError } from '../errors';
import type { PairDecisionEvidence } from './log';
import { actionOf } from '../identity/merged-away';
import type { Db } from '../db/db';

async function orderedPair(db: Db, tenant: string, a: string, b: string): Promise<[string, string]> {
  if (a === b) throw new CoreError('BAD_INPUT', `A pair needs two different developers, got ${a} twice`);
  const { rows } = await db.$client.query<{ developer_id: string }>(
    'select developer_id from developers where tenant_id = $1 and developer_id = any($2::uuid[]) order by developer_id',
    [tenant, [a, b]],
  );
  const found = new Set(rows.map((r) => r.developer_id));
  const missing = [a, b].filter((id) => !found.has(id));
  if (missing.length > 0) throw new CoreError('NOT_FOUND', `No developer ${missing.join(' or ')}`, { missing });
  return [rows[0]!.developer_id, rows[1]!.developer_id];
}

export async function dismissPair(db: Db, tenant: string, a: string, b: string): Promise<void> {
  const [low, high] = await orderedPair(db, tenant, a, b);
  const evidence: PairDecisionEvidence = { action: 'dismiss' };
  // Dismissing twice records it once.
  await db.$client.query(
    `insert into developer_merge_logs (tenant_id, into_developer_id, from_developer_id, evidence)
     select $1, $2, $3, $4
      where not exists (select 1 from developer_merge_logs where tenant_id = $1 and into_developer_id = $2 and from_developer_id = $3
                          and evidence->>'action' = 'dismiss')`,
    [tenant, low, high, JSON.stringify(evidence)],
  );
}

export async function snoozePair(db: Db, tenant: string, a: string, b: string, days: number): Promise<string> {
  const [low, high] = await orderedPair(db, tenant, a, b);
  const until = new Date(Date.now() + days * 86_400_000).toISOString();
  const evidence: PairDecisionEvidence = { action: 'snooze', until };
  await db.$client.query(
    `insert into developer_merge_logs (tenant_id, into_developer_id, from_developer_id, evidence) values ($1, $2, $3, $4)`,
    [tenant, low, high, JSON.stringify(evidence)],
  );
  return until;
}

/** Merges and unmerges touching a developer, newest first; a merge says which unmerge undid it. */
export async function mergeHistory(db: Db, tenant: string, developerId: string): Promise<MergeHistoryEntry[]> {
  const exists = await db.$client.query('select 1 from developers where tenant_id = $1 and developer_id = $2', [tenant, developerId]);
  if (exists.rowCount === 0) throw new CoreError('NOT_FOUND', `No developer ${developerId}`);
  const { rows } = await db.$client.query<MergeHistoryEntry>(
    `select m.merge_id as "mergeId", ${actionOf('m')} as action,
            m.into_developer_id as "intoDeveloperId", m.from_developer_id as "fromDeveloperId",
            di.display_name as "intoName", df.display_name as "fromName", m.reason,
            to_char(m.merged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "mergedAt",
            (select u.merge_id::text from developer_merge_logs u
              where ${actionOf('m')} = 'merge' and u.evidence->>'action' = 'unmerge' and u.evidence->>'mergeId' = m.merge_id::text
              limit 1) as "undoneBy"
       from developer_merge_logs m
       join developers di on di.developer_id = m.into_developer_id
       join developers df on df.developer_id = m.from_developer_id
      where m.tenant_id = $1 and (m.into_developer_id = $2 or m.from_developer_id = $2)
        and ${actionOf('m')} in ('merge', 'unmerge')
      order by m.merged_at desc, m.merge_id desc`,
    [tenant, developerId],
  );
  return rows;
}
