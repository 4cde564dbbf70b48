/**
 * `drm rates set|list|delete|import` and `drm report roi` in the reporting
 * currency (issue 11), on the hand-computed dataset of
 * test/helpers/campaign-data.ts: A has 10000 JPY (2026-01) and 50 USD
 * (2026-02), 1 conversion; B 3000 JPY, 2.5 conversions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drm } from '../helpers/cli';
import { loadCampaignData } from '../helpers/campaign-data';
import { useCoreOnTestDatabase } from '../helpers/database';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('cli-rates');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

beforeAll(async () => {
  await loadCampaignData(db.core, dir.path);
  await call(db.core, 'settings:update', { valuePerConversion: 5000 });
});

const run = (...args: string[]) => drm([...args, '--database-url', db.url]);

describe('drm rates and drm report roi', () => {
  it('names the missing rate in --json and in the table instead of a cost', async () => {
    const result = await run('report', 'roi', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(Object.keys(json[0]!)).toEqual([
      'campaign',
      'currencyReporting',
      'costReporting',
      'costByCurrency',
      'actions',
      'conversions',
      'costPerConversion',
      'roiPerCost',
      'roiPercent',
      'missingRates',
    ]);
    expect(json[0]).toMatchObject({
      campaign: 'A',
      currencyReporting: 'JPY',
      costReporting: null,
      costByCurrency: { JPY: 10000, USD: 50 },
      roiPercent: null,
      missingRates: [{ currency: 'USD', month: '2026-02' }],
    });
    const human = await run('report', 'roi');
    expect(human.stdout).toMatch(/^A\s+rate missing for USD 2026-02\s+10,000 JPY \+ 50 USD/m);
  });

  it('sets, lists, imports and deletes rates, and ROI follows: 10000 + 50 × 151.2 = 17560 JPY', async () => {
    const set = await run('rates', 'set', 'usd', '2026-02', '151.2');
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('1 USD = 151.2 JPY in 2026-02\n');
    const roi = JSON.parse((await run('report', 'roi', '--json')).stdout) as {
      campaign: string;
      costReporting: number;
      roiPercent: number;
    }[];
    expect(roi[0]).toMatchObject({ campaign: 'A', costReporting: 17560 });
    expect(roi[0]!.roiPercent).toBeCloseTo(((5000 - 17560) / 17560) * 100, 8);
    expect((await run('report', 'roi')).stdout).toMatch(/^A\s+17,560\s+10,000 JPY \+ 50 USD\s+6\s+1\s+17,560\s+-71\.5 %/m);

    const file = join(dir.path, 'rates.csv');
    writeFileSync(file, 'currency,month,rate\nEUR,2026-03,160\nUSD,2026-02,150\n');
    expect((await run('rates', 'import', file)).stdout).toBe('Imported 2 rate(s) into JPY.\n');
    const list = JSON.parse((await run('rates', 'list', '--json')).stdout) as unknown;
    expect(list).toEqual({
      reportingCurrency: 'JPY',
      rates: [
        { currency: 'EUR', month: '2026-03', rate: 160 },
        { currency: 'USD', month: '2026-02', rate: 150 },
      ],
    });
    expect((await run('rates', 'delete', 'EUR', '2026-03')).code).toBe(0);
    expect((await run('rates', 'list')).stdout).toMatch(/^USD\s+2026-02\s+150$/m);
  });

  it('refuses what it cannot do, with exit 2 and the reason', async () => {
    const own = await run('rates', 'set', 'JPY', '2026-02', '1');
    expect(own.code).toBe(2);
    expect(own.stderr).toMatch(/JPY is the reporting currency/);
    const bad = await run('rates', 'set', 'USD', '2026-02', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/RATE must be a number/);
    const badFile = join(dir.path, 'bad.csv');
    writeFileSync(badFile, 'currency,month,rate\nUSD,2026-2,150\n');
    const refused = await run('rates', 'import', badFile);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2/);
  });
});
