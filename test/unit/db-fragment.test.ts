/**
 * core/db/fragment.ts: a rule written as SQL text (for set-based modules)
 * applied by the query builder to a column or a parameter renders the same
 * SQL the rule writes, with the parameter bound, not spliced.
 */
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { applied } from '../../src-main/core/db/fragment';
import { developers } from '../../src-main/core/db/schema';
import { MERGED_AWAY_SQL } from '../../src-main/core/identity/merged-away';
import { emailKeySql, foldSql } from '../../src-main/core/identity/normalise';

const dialect = new PgDialect();

describe('applied', () => {
  it('applies a rule to a column', () => {
    expect(dialect.sqlToQuery(applied(foldSql, developers.displayName))).toEqual({
      sql: 'lower(normalize("developers"."display_name", NFKC))',
      params: [],
    });
    expect(dialect.sqlToQuery(applied(MERGED_AWAY_SQL, developers.developerId)).sql).toBe(MERGED_AWAY_SQL('"developers"."developer_id"'));
  });

  it('binds a parameter instead of writing it into the SQL', () => {
    const hostile = "a@x.jp'); drop table developers; --";
    expect(dialect.sqlToQuery(applied(emailKeySql, sql`${hostile}::text`))).toMatchObject({
      sql: emailKeySql('$1::text'),
      params: [hostile],
    });
  });

  it('refuses a rule that does not use its argument exactly once', () => {
    expect(() => applied((e) => `${e} = ${e}`, developers.developerId)).toThrow(/once, not 2 times/);
    expect(() => applied(() => 'true', developers.developerId)).toThrow(/once, not 0 times/);
  });
});
