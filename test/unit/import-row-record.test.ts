/**
 * A record read through the header index (parse/rows.ts parseRecord, as the parse worker does) gives what
 * the same row as a header → cell object gives: the same record, and the same errors in the same order,
 * also with headers that are integers (an object lists those first, whatever the file's order).
 */
import { describe, expect, it } from 'vitest';
import { createRowContext } from '../../src-main/core/imports/parse/row-context';
import { headerIndex, RowReader } from '../../src-main/core/imports/parse/row-reader';
import { parseRecord, parseRow } from '../../src-main/core/imports/parse/rows';
import { suggestMapping } from '../../src-main/core/imports/parse/headers';

const headers = ['occurred_at', 'action', 'source', 'email', 'note', '10', 'display_name'];

function context() {
  return createRowContext(
    {
      type: 'activities',
      mapping: suggestMapping('activities', headers),
      options: { timezone: 'Asia/Tokyo' },
      filePath: '/x.csv',
      delimiter: ',',
    },
    headers,
  );
}

const both = (values: string[]) => {
  const ctx = context();
  const cells = Object.fromEntries(headers.map((h, i) => [h, values[i]!]));
  return { record: parseRecord(values, headers, headerIndex(headers), 7, ctx), cells: parseRow(cells, 7, ctx) };
};

describe('parseRecord', () => {
  it('reads a good row as parseRow reads its cells, metadata included', () => {
    const { record, cells } = both(['2024-05-01 10:00', 'Click', 'Web', ' A@Example.com ', 'hello', '42', 'Taro']);
    expect(record).toStrictEqual(cells);
    expect(record).toMatchObject({ status: 'ok', record: { metadata: { note: 'hello', '10': '42' }, actor: { email: 'a@example.com' } } });
  });

  it('reports damaged cells in the order of the header → cell object (integer headers first), once per column', () => {
    const { record, cells } = both(['2024-05-01 10:00', 'Click', 'Web', 'a@example.com', 'bad\uFFFD', 'x\u0000', 'half \uD800']);
    expect(record).toStrictEqual(cells);
    expect(record.status === 'error' && record.errors.map((e) => [e.column, e.code])).toEqual([
      ['10', 'nul-byte'],
      ['note', 'bad-bytes'],
      ['display_name', 'bad-bytes'],
    ]);
  });

  it("shows a row-wide error's row as the header → cell object lists it", () => {
    const { record, cells } = both(['2024-05-01 10:00', 'Click', 'Web', '', 'n', '9', '']);
    expect(record).toStrictEqual(cells);
    expect(record.status === 'error' && record.errors[0]).toMatchObject({
      column: '',
      code: 'no-actor',
      value: '9,2024-05-01 10:00,Click,Web,,n,',
    });
  });

  it('makes the cells object of a reader only when asked, in the headers’ order', () => {
    const reader = new RowReader(['1', '2'], ['b', 'a'], headerIndex(['b', 'a']), 3, context());
    expect(reader.cell('a')).toBe('2');
    expect(reader.cell('missing')).toBe('');
    expect(Object.keys(reader.cells)).toEqual(['b', 'a']);
    expect(reader.cells).toBe(reader.cells);
  });
});
