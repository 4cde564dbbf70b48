/**
 * bench:developers' independent check of the list's answers: every
 * derived.developer_search row exported once, then each measured query's
 * total recomputed in plain JavaScript (substring of the folded text, the
 * filters as array tests), beside the SQL path's total and first page, which
 * the in-memory index must equal id for id.
 */
import type { DeveloperListQuery } from '../src-shared/contract/developers';
import type { SqlClient } from '../src-main/core/db/db';
import { searchKey } from '../src-main/core/identity/normalise';

interface Exported {
  text: string;
  stage: number | null;
  tags: string[] | null;
  orgId: string | null;
  providers: string[];
}

export interface Reference {
  /** The number of developers `query` lists, computed over the exported rows. */
  total(query: DeveloperListQuery): number;
  /** UTF-8 bytes of all folded texts, with a separator each: the index's text buffer. */
  textBytes: number;
  rows: number;
}

export async function exportReference(client: SqlClient, tenant: string): Promise<Reference> {
  const { rows } = await client.query<Exported>(
    `select ds.search_text as text, ds.highest_stage as stage, ds.tags, ds.org_id as "orgId", ds.providers
       from derived.developer_search ds where ds.tenant_id = $1`,
    [tenant],
  );
  const stages = new Map(
    (await client.query<{ k: string; n: number }>('select stage_key as k, order_no as n from funnel_stages')).rows.map((r) => [r.k, r.n]),
  );
  return {
    rows: rows.length,
    textBytes: rows.reduce((sum, r) => sum + Buffer.byteLength(r.text, 'utf8') + 1, 0),
    total: (q) => {
      const key = q.q ? searchKey(q.q) : '';
      const stage = q.stage === undefined ? undefined : stages.get(q.stage);
      return rows.filter(
        (r) =>
          (key === '' || r.text.includes(key)) &&
          (stage === undefined || r.stage === stage) &&
          (q.tag === undefined || (r.tags ?? []).includes(q.tag)) &&
          (q.orgId === undefined || r.orgId === q.orgId) &&
          (q.provider === undefined || r.providers.includes(q.provider)),
      ).length;
    },
  };
}
