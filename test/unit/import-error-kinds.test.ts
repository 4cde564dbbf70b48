/** Errors by kind and the early stop (issue 11, defect 1), without a database. */
import { describe, expect, it } from 'vitest';
import { importProblem } from '../../src-shared/import-errors';
import { earlyStopMessage, ErrorKinds } from '../../src-main/core/imports/error-kinds';
import type { RowError } from '../../src-main/core/imports/types';

const companion = (line: number): RowError => ({
  line,
  column: 'resource_title',
  ...importProblem('companion-required', { field: 'resource_category', when: 'resource_title' }),
  value: 'Talk',
});
const datetime = (line: number, column = 'occurred_at'): RowError => ({
  line,
  column,
  ...importProblem('datetime', { value: 'soon' }),
  value: 'soon',
});

describe('ErrorKinds', () => {
  it('stops once one kind (same code, same column) reaches the limit, not when kinds add up to it', () => {
    const kinds = new ErrorKinds(3);
    kinds.add(datetime(2));
    kinds.add(datetime(3, 'updated_at'));
    kinds.add(companion(4));
    kinds.add(companion(5));
    expect(kinds.stopped).toBe(false);
    kinds.add(companion(6));
    expect(kinds.stopped).toBe(true);
    expect(kinds.stoppedAt).toBe(6);
    kinds.add(companion(7));
    expect(kinds.stoppedAt).toBe(6);
  });

  it('summarises every kind over the rows read, the most frequent first, in English for the CLI', () => {
    const kinds = new ErrorKinds(2);
    kinds.add(datetime(2));
    for (const line of [3, 4, 5]) kinds.add(companion(line));
    const stop = kinds.summary(4);
    expect(stop.kinds.map((k) => [k.code, k.column, k.rows])).toEqual([
      ['companion-required', 'resource_title', 3],
      ['datetime', 'occurred_at', 1],
    ]);
    expect(earlyStopMessage(stop)).toBe(
      'Stopped after 4 rows: 2 rows had the same problem by line 4; nothing was imported. ' +
        '3 rows: resource_category is required when resource_title is given (column resource_title); ' +
        '1 row: expected a date and time such as 2024-05-01T10:00:00+09:00, 2024-05-01 10:00, 2024/05/01 10:00 or 2024年5月1日 10時00分 (column occurred_at)',
    );
  });
});
