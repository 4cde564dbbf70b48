/**
 * Migration 0017: ANALYZE samples the funnel's keys, not its payload. The
 * bitsets and member lists of derived.funnel_bits and the dims and cells
 * arrays of derived.funnel_cells are never filtered or sorted by, and
 * sampling them was most of the ANALYZE a large import runs before its
 * commit. A later migration that rebuilt either table would silently bring
 * their statistics back: this holds them out.
 */
import { describe, expect, it } from 'vitest';
import { useClientOnTestDatabase } from '../helpers/database';

const db = useClientOnTestDatabase();

/** Each column's statistics target: 0 leaves it out of ANALYZE; null (or −1 before PostgreSQL 17) is the default. */
async function targets(table: string): Promise<Record<string, number | null>> {
  const { rows } = await db.client.query<{ name: string; target: number | null }>(
    `select attname as name, nullif(attstattarget, -1)::int as target from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.target]));
}

describe("the funnel tables' statistics", () => {
  it('leave out the bitsets, member lists, dims and cells, and keep every key', async () => {
    expect(await targets('derived.funnel_bits')).toEqual({
      tenant_id: null,
      dim: null,
      stage: null,
      node: null,
      chunk: null,
      bits: 0,
      members: 0,
    });
    expect(await targets('derived.funnel_cells')).toEqual({ developer_id: null, tenant_id: null, dims: 0, cells: 0 });
  });
});
