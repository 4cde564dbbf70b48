/**
 * The rates CSV: a header naming `currency`, `month` and `rate` (any order,
 * other columns ignored), then one rate per row. Every problem is reported
 * with its line, and one bad row refuses the whole file: rates are few, and
 * half a file would leave some months converted at no rate at all.
 */
import { parse } from 'csv-parse/sync';
import { rateInput } from '../../../src-shared/contract/rates';
import { CoreError } from '../errors';

export interface RateRow {
  currency: string;
  month: string;
  rate: number;
}

const COLUMNS = ['currency', 'month', 'rate'] as const;
const MAX_PROBLEMS = 10;

export function parseRatesCsv(text: string): RateRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new CoreError('BAD_INPUT', `The rates file is not a readable CSV: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const at = COLUMNS.map((c) => header.indexOf(c));
  if (at.some((i) => i < 0)) {
    const missing = COLUMNS.filter((_, i) => at[i]! < 0);
    throw new CoreError('BAD_INPUT', `The rates file needs a header with currency,month,rate; missing: ${missing.join(', ')}`, {
      missing,
    });
  }
  const rows: RateRow[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const [currency, month, rate] = at.map((j) => record[j] ?? '');
    const parsed = rateInput.safeParse({
      currency: currency!.toUpperCase(),
      month,
      rate: rate === '' ? NaN : Number(rate!.replace(/,/g, '')),
    });
    if (!parsed.success) {
      problems.push(`line ${line}: ${parsed.error.issues.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
      return;
    }
    const key = `${parsed.data.currency} ${parsed.data.month}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`line ${line}: ${key} is also on line ${first}`);
    else seen.set(key, line);
    rows.push(parsed.data);
  });
  if (problems.length > 0) {
    const more = problems.length > MAX_PROBLEMS ? ` (and ${problems.length - MAX_PROBLEMS} more)` : '';
    throw new CoreError('BAD_INPUT', `Nothing was imported: ${problems.slice(0, MAX_PROBLEMS).join('; ')}${more}`, { problems });
  }
  if (rows.length === 0) throw new CoreError('BAD_INPUT', 'The rates file has a header but no rates');
  return rows;
}
