/**
 * derived.funnel_bits stores its bitsets uncompressed (0011_funnel_bits_external):
 * a merge rewrites the bitset rows its pair's cells reach, and compressing
 * each 8 kB bitset on store was most of a small pair's merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database';
import { queryRows } from '../helpers/imports';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('derived.funnel_bits.bits', () => {
  it('has storage EXTERNAL, and a bitset written there is stored without compression', async () => {
    expect(
      await queryRows(
        database.url,
        `select attname, attstorage from pg_attribute where attrelid = 'derived.funnel_bits'::regclass and attname in ('bits', 'members')
          order by attname`,
      ),
    ).toEqual([
      { attname: 'bits', attstorage: 'e' },
      { attname: 'members', attstorage: 'x' },
    ]);
    // A bitset of two bits in 65,536: pglz would shrink it to a few hundred bytes (storage EXTENDED).
    await queryRows(
      database.url,
      `insert into derived.funnel_bits (tenant_id, dim, stage, node, chunk, bits)
       values ($1, '', 1, 0, 0, overlay(repeat('0', 65536)::varbit placing B'11' from 100))`,
      [DEFAULT_TENANT],
    );
    expect(
      await queryRows(
        database.url,
        `select pg_column_compression(bits) as compression, pg_column_size(bits) >= 8192 as whole, bit_count(bits)::int as set
           from derived.funnel_bits where tenant_id = $1`,
        [DEFAULT_TENANT],
      ),
    ).toEqual([{ compression: null, whole: true, set: 2 }]);
  });
});
