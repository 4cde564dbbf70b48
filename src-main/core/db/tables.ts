/**
 * Table identity: the contract's `TableName` list (src-shared/contract/
 * tables.ts) is the schema's tables, no more and no fewer, checked by the
 * compiler both ways, so a table added to the schema cannot be missing from
 * `db:changed` and the renderer's declarations, and a name there cannot
 * outlive its table.
 */
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { tableNames, type TableName } from '../../../src-shared/contract/tables';
import * as appSchema from './schema-app';
import * as specSchema from './schema';

/** `name` for a table of `public`, `schema.name` for one of the app's own schemas. */
type Qualified<C> = C extends { name: infer N extends string; schema: infer S } ? (S extends string ? `${S}.${N}` : N) : never;
type TablesOf<M> = { [K in keyof M]: M[K] extends PgTable<infer C> ? Qualified<C> : never }[keyof M];
type SchemaTableName = TablesOf<typeof specSchema> | TablesOf<typeof appSchema>;

// Each fails to compile, naming the table, when the list and the schema disagree.
const everyTableListed: [Exclude<SchemaTableName, TableName>] extends [never]
  ? true
  : { missing_from_tableNames: Exclude<SchemaTableName, TableName> } = true;
const everyNameATable: [Exclude<TableName, SchemaTableName>] extends [never]
  ? true
  : { not_a_table_of_the_schema: Exclude<TableName, SchemaTableName> } = true;
void everyTableListed;
void everyNameATable;

/** A table's name as the contract spells it: `schema.name`, unqualified in `public`. */
export function tableNameOf(table: PgTable): TableName {
  const schema = getTableConfig(table).schema;
  const name = schema === undefined || schema === 'public' ? getTableName(table) : `${schema}.${getTableName(table)}`;
  if (!isTableName(name)) throw new Error(`${name} is a table of the schema missing from src-shared/contract/tables.ts`);
  return name;
}

function isTableName(name: string): name is TableName {
  return (tableNames as readonly string[]).includes(name);
}

/** Every table the schema defines, as drizzle objects (public, app and derived). */
export function schemaTables(): PgTable[] {
  return [...Object.values(specSchema), ...Object.values(appSchema)].flatMap((value) => (is(value, PgTable) ? [value] : []));
}
