/**
 * Errors of queries written with the query builder: Drizzle wraps pg's error
 * ("Failed query: …" with the parameters) and keeps it as the cause. What the
 * user is told must not depend on which API ran the statement.
 */
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { isUniqueViolation, sqlState } from '../../src-main/core/db/pg-errors';
import { toApiError } from '../../src-main/core/errors';
import { foldOf, foldSql } from '../../src-main/core/identity/normalise';

const pgError = (message: string, code: string) => Object.assign(new Error(message), { code });
const wrapped = (cause: Error) => new DrizzleQueryError('insert into "campaigns" ("name") values ($1)', ['secret name'], cause);

describe('pg errors through Drizzle', () => {
  it('finds the SQLSTATE on pg’s error or on the one Drizzle wraps', () => {
    const duplicate = pgError('duplicate key value violates unique constraint "campaigns_tenant_name_unique"', '23505');
    expect(sqlState(duplicate)).toBe('23505');
    expect(sqlState(wrapped(duplicate))).toBe('23505');
    expect(isUniqueViolation(wrapped(duplicate))).toBe(true);
    expect(isUniqueViolation(wrapped(pgError('null value in column "name"', '23502')))).toBe(false);
    expect(sqlState(pgError('no such file', 'ENOENT'))).toBeUndefined();
    expect(sqlState('text')).toBeUndefined();
  });

  it('shows an unknown failure with the driver’s message, not the query and its parameters', () => {
    const error = wrapped(pgError('invalid input syntax for type uuid: "x"', '22P02'));
    expect(toApiError(error)).toEqual({ code: 'INTERNAL', message: 'invalid input syntax for type uuid: "x"' });
    expect(toApiError(new Error('plain'))).toEqual({ code: 'INTERNAL', message: 'plain' });
  });

  it('folds a builder column as foldSql folds a column named in SQL text', () => {
    const dialect = new PgDialect();
    expect(dialect.sqlToQuery(foldOf(sql.raw('c.name'))).sql).toBe(foldSql('c.name'));
    expect(dialect.sqlToQuery(foldOf(sql`${'Ａ'}`))).toMatchObject({ sql: foldSql('$1'), params: ['Ａ'] });
  });
});
