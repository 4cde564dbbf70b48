/**
 * A fingerprint of everything derived: one md5 per table a refresh or a
 * rebuild writes (derived.*, activity_campaigns, campaign_stats) and of
 * developer_stats, over the tenant's rows in primary-key order. Equal
 * checksums before and after a merge + unmerge, or before and after a rebuild
 * (in a rolled-back transaction), mean the incremental paths left exactly
 * the rows a rebuild writes (issue 12, "nothing may change a number").
 *
 * Columns that record when a row was written (`updated_at`) are left out;
 * numerics are compared by value (`trim_scale`: 1.0 and 1.00 are the same
 * weight, and sums of differences keep the widest scale they met), bit
 * strings by their bytes. Each
 * row is hashed first, so the aggregated text is 32 bytes a row, which stays
 * far below PostgreSQL's 1 GB value limit at 10M rows.
 */
import type { SqlClient } from '../src-main/core/db/db';
import { DERIVED_TABLE_NAMES } from '../src-main/core/derived/tables';

/** Every table checked, schema-qualified where it is not public. */
// The search index's bookkeeping (derived/search-version.ts) counts writes, not numbers: a rebuild moves it on.
const BOOKKEEPING: readonly string[] = ['derived.search_version', 'derived.developer_search_gone'];
export const CHECKED_TABLES: readonly string[] = ['developer_stats', ...DERIVED_TABLE_NAMES.filter((t) => !BOOKKEEPING.includes(t))];

const IGNORED_COLUMNS = new Set(['updated_at', 'version']);

interface Column {
  name: string;
  type: string;
  key: number | null;
}

async function columnsOf(client: SqlClient, table: string): Promise<Column[]> {
  const { rows } = await client.query<Column>(
    `select a.attname as name, format_type(a.atttypid, null) as type,
            array_position(k.conkey, a.attnum) as key
       from pg_attribute a
       left join pg_constraint k on k.conrelid = a.attrelid and k.contype = 'p'
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [table],
  );
  return rows;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A column as hashed: numerics by value; bit strings by their binary form
 * (a funnel bitset is 65,536 bits, 8 KB sent as bytes but 64 KB as text, and
 * its text form made every funnel_bits checksum four times slower).
 */
function valueSql(c: Column): string {
  if (c.type === 'numeric') return `trim_scale(t.${quote(c.name)})`;
  if (c.type === 'bit varying' || c.type === 'bit') return `md5(varbit_send(t.${quote(c.name)}::bit varying))`;
  return `t.${quote(c.name)}`;
}

/** SQL: md5 of the tenant's rows of `table` in primary-key order (md5 of '' for none). */
function checksumSql(table: string, columns: readonly Column[]): string {
  const kept = columns.filter((c) => !IGNORED_COLUMNS.has(c.name));
  const values = kept.map((c) => valueSql(c));
  const keys = columns
    .filter((c) => c.key !== null)
    .sort((a, b) => a.key! - b.key!)
    .map((c) => `t.${quote(c.name)}`);
  const order = keys.length > 0 ? keys.join(', ') : values.join(', ');
  return `select md5(coalesce(string_agg(md5(row(${values.join(', ')})::text), '' order by ${order}), '')) as sum, count(*)::int as n
            from ${table} t where t.tenant_id = $1`;
}

export interface Checksum {
  table: string;
  rows: number;
  md5: string;
}

/** The checksum of every checked table, in CHECKED_TABLES' order. */
export async function derivedChecksums(client: SqlClient, tenant: string): Promise<Checksum[]> {
  const out: Checksum[] = [];
  for (const table of CHECKED_TABLES) {
    const { rows } = await client.query<{ sum: string; n: number }>(checksumSql(table, await columnsOf(client, table)), [tenant]);
    out.push({ table, rows: rows[0]!.n, md5: rows[0]!.sum });
  }
  return out;
}

/** One line per table whose checksum differs between `expected` and `actual`; empty = the same rows. */
export function checksumDifferences(expected: readonly Checksum[], actual: readonly Checksum[]): string[] {
  const out: string[] = [];
  for (const e of expected) {
    const a = actual.find((x) => x.table === e.table);
    if (!a) out.push(`${e.table}: missing`);
    else if (a.md5 !== e.md5) out.push(`${e.table}: ${e.rows} rows expected, ${a.rows} found, checksums differ`);
  }
  return out;
}
