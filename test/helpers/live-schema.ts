/**
 * Reads a table's shape from pg_catalog in the fixture's terms (columns,
 * keys, foreign keys, indexes), so any database can be compared with the spec.
 */
import type pg from 'pg';
import { expectedSchema } from '../fixtures/expected-schema';
import type { ExpectedConstraint, ExpectedForeignKey, ExpectedIndex, ExpectedTable, OnDelete } from '../fixtures/expected-schema';

const FK_ACTIONS: Record<string, OnDelete> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
export const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((x, y) => x.name.localeCompare(y.name));

// Column lists come back as text[] (name[] has no pg type parser) in key order.
const KEY_COLUMNS = (keys: string, rel: string) => `array(
  select a.attname::text from unnest(${keys}) with ordinality k(attnum, ord)
  join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.attnum order by k.ord)`;

interface ConstraintRow {
  name: string;
  type: 'p' | 'u' | 'f';
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
}

async function readConstraints(client: pg.Client, table: string): Promise<ConstraintRow[]> {
  const { rows } = await client.query<ConstraintRow>(
    `select c.conname::text as name, c.contype as type,
            ${KEY_COLUMNS('c.conkey', 'c.conrelid')} as columns,
            (select relname::text from pg_class where oid = c.confrelid) as ref_table,
            case when c.contype = 'f' then ${KEY_COLUMNS('c.confkey', 'c.confrelid')} end as ref_columns,
            c.confdeltype as on_delete, c.confupdtype as on_update
       from pg_constraint c
      where c.conrelid = format('public.%I', $1::text)::regclass and c.contype in ('p', 'u', 'f')`,
    [table],
  );
  return rows;
}

export async function readTable(client: pg.Client, table: string): Promise<ExpectedTable> {
  const rel = "format('public.%I', $1::text)::regclass";
  const columns = await client.query<ExpectedTable['columns'][number]>(
    `select a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type,
            a.attnotnull as "notNull", pg_get_expr(d.adbin, d.adrelid) as default
       from pg_attribute a
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = ${rel} and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [table],
  );
  const indexes = await client.query<{ name: string; method: string; unique: boolean; def: string }>(
    `select ic.relname::text as name, am.amname::text as method, i.indisunique as unique,
            pg_get_indexdef(i.indexrelid) as def
       from pg_index i
       join pg_class ic on ic.oid = i.indexrelid
       join pg_am am on am.oid = ic.relam
      where i.indrelid = ${rel}
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))`,
    [table],
  );
  const constraints = await readConstraints(client, table);
  const pk = constraints.filter((c) => c.type === 'p');
  return {
    columns: columns.rows,
    primaryKey: pk[0]?.columns ?? [],
    uniques: byName(constraints.filter((c) => c.type === 'u').map((c): ExpectedConstraint => ({ name: c.name, columns: c.columns }))),
    foreignKeys: byName(
      constraints
        .filter((c) => c.type === 'f')
        .map((c): ExpectedForeignKey => ({
          name: c.name,
          columns: c.columns,
          refTable: c.ref_table ?? '',
          refColumns: c.ref_columns ?? [],
          onDelete: FK_ACTIONS[c.on_delete] ?? (c.on_delete as OnDelete),
        })),
    ),
    indexes: byName(
      indexes.rows.map((i): ExpectedIndex => ({
        name: i.name,
        method: i.method as ExpectedIndex['method'],
        unique: i.unique,
        // pg_get_indexdef spells each key with its order and non-default opclass.
        columns: (/ USING \w+ \((.*)\)$/.exec(i.def)?.[1] ?? i.def).split(', '),
      })),
    ),
  };
}

/** Every base table in the public schema, sorted. */
export async function readTableNames(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "select tablename::text as name from pg_tables where schemaname = 'public' order by 1",
  );
  return rows.map((r) => r.name);
}

/** The fixture's table in the order readTable() returns. */
export function expectedShape(table: string): ExpectedTable {
  const expected = expectedSchema[table];
  if (!expected) throw new Error(`No table ${table} in the spec fixture`);
  return { ...expected, uniques: byName(expected.uniques), foreignKeys: byName(expected.foreignKeys), indexes: byName(expected.indexes) };
}
