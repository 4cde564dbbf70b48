/**
 * `drm rates set CURRENCY MONTH RATE | list | delete CURRENCY MONTH | import
 * FILE [--json]`: the exchange rates into the reporting currency, through the
 * same handlers as the app (issue 11). No network is needed.
 */
import { readFileSync, statSync } from 'node:fs';
import type { RateList } from '../../src-shared/contract/rates';
import { parseOptions, Refusal, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { columns } from './terminal';

const OPTIONS = { ...targetOptions, json: { type: 'boolean', default: false } } as const;
const USAGE = 'drm rates set CURRENCY MONTH RATE | list | delete CURRENCY MONTH | import FILE';
/** The contract's limit on a rates CSV. */
const MAX_FILE_BYTES = 1_000_000;

export function formatRates(list: RateList): string {
  if (list.rates.length === 0) return `No exchange rates into ${list.reportingCurrency} yet (drm rates set USD 2026-04 151.2).`;
  const header = ['currency', 'month', `rate (${list.reportingCurrency} per unit)`];
  const body = list.rates.map((r) => [r.currency, r.month, String(r.rate)]);
  return columns(header, body).join('\n');
}

function readCsv(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new Refusal(`Cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) throw new Refusal(`${file} is larger than 1 MB; a rates CSV has one line per currency and month`);
  return readFileSync(file, 'utf8');
}

function parseRate(text: string): number {
  const rate = Number(text);
  if (!Number.isFinite(rate)) throw new UsageError(`RATE must be a number such as 151.2, got "${text}"`);
  return rate;
}

export async function ratesCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseOptions(rest, OPTIONS, true);
  const want = (n: number) => {
    if (positionals.length !== n) throw new UsageError(`drm rates ${sub} takes ${n} argument(s): ${USAGE}`);
  };
  const print = (json: unknown, text: string) => process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  const target = resolveTarget(values);
  switch (sub) {
    case 'list': {
      want(0);
      const list = await withCore(target, async (core) => unwrap(await core.handlers['rates:list']({})));
      print(list, formatRates(list));
      return 0;
    }
    case 'set': {
      want(3);
      const [currency, month, rate] = positionals as [string, string, string];
      const input = { currency: currency.toUpperCase(), month, rate: parseRate(rate) };
      const saved = await withCore(target, async (core) => {
        const result = unwrap(await core.handlers['rates:set'](input));
        return { ...result, reportingCurrency: unwrap(await core.handlers['rates:list']({})).reportingCurrency };
      });
      print(saved, `1 ${saved.currency} = ${saved.rate} ${saved.reportingCurrency} in ${saved.month}`);
      return 0;
    }
    case 'delete': {
      want(2);
      const [currency, month] = positionals as [string, string];
      const deleted = await withCore(target, async (core) =>
        unwrap(await core.handlers['rates:delete']({ currency: currency.toUpperCase(), month })),
      );
      print(deleted, `Deleted the ${deleted.currency} rate of ${deleted.month} (${deleted.rate}).`);
      return 0;
    }
    case 'import': {
      want(1);
      const csv = readCsv(positionals[0]!);
      const result = await withCore(target, async (core) => unwrap(await core.handlers['rates:import']({ csv })));
      print(result, `Imported ${result.imported} rate(s) into ${result.reportingCurrency}.`);
      return 0;
    }
    default:
      throw new UsageError(sub === undefined ? `give a subcommand: ${USAGE}` : `unknown subcommand "${sub}" (${USAGE})`);
  }
}
