/**
 * rowEstimates (db/row-estimate.ts): the statistics' row counts the import and
 * the derived refresh choose their paths by. A table never analysed has no
 * estimate (the callers count it exactly, or take it as empty), and a table
 * filled since its last ANALYZE keeps the old figure: "grew by a share" is
 * measured against the table before the import.
 */
import { describe, expect, it } from 'vitest';
import { rowEstimate, rowEstimates } from '../../src-main/core/db/row-estimate';
import { useClientOnTestDatabase } from '../helpers/database';

const db = useClientOnTestDatabase();

describe('row estimates from the statistics', () => {
  it('has none for a table never analysed, the count after ANALYZE, and the old count until the next one', async () => {
    const { client } = db;
    await client.query('create temp table est_a as select g as x from generate_series(1, 1000) g');
    await client.query('create temp table est_b (x int)');
    expect(await rowEstimate(client, 'est_a')).toBeUndefined();

    await client.query('analyze est_a');
    expect(await rowEstimate(client, 'est_a')).toBe(1000);
    await client.query('insert into est_a select generate_series(1, 500)');
    expect(await rowEstimate(client, 'est_a')).toBe(1000);

    // Keyed by the names as given; a table without an estimate is absent.
    const both = await rowEstimates(client, ['est_a', 'est_b']);
    expect([...both]).toEqual([['est_a', 1000]]);
    await client.query('analyze est_b');
    expect(await rowEstimates(client, ['est_b', 'pg_temp.est_a'])).toEqual(
      new Map([
        ['est_b', 0],
        ['pg_temp.est_a', 1000],
      ]),
    );
    expect(await rowEstimates(client, [])).toEqual(new Map());
  });
});
