import { describe, expect, it } from 'vitest';
import { parseRatesCsv } from '../../src-main/core/rates/csv';
import { summariseByCampaign, summariseCosts, type CostPart } from '../../src-main/core/rates/costs';

const part = (campaignId: string, currency: string, month: string, amount: number, converted: number | null): CostPart => ({
  campaignId,
  currency,
  month,
  amount,
  converted,
});

describe('summariseCosts', () => {
  it('adds converted amounts and keeps each currency in its own unit', () => {
    // 10000 JPY + 50 USD at 150 + 20 USD at 152 (another month).
    const s = summariseCosts([
      part('a', 'USD', '2026-02', 50, 7500),
      part('a', 'JPY', '2026-01', 10000, 10000),
      part('a', 'USD', '2026-03', 20, 3040),
    ]);
    expect(s).toEqual({ reporting: 20540, converted: 20540, byCurrency: { JPY: 10000, USD: 70 }, missingRates: [] });
    expect(Object.keys(s.byCurrency)).toEqual(['JPY', 'USD']);
  });

  it('gives no total when a rate is missing, names each missing rate once, and keeps what converts', () => {
    const s = summariseCosts([
      part('a', 'USD', '2026-04', 5, null),
      part('a', 'JPY', '2026-04', 100, 100),
      part('a', 'EUR', '2026-01', 3, null),
    ]);
    expect(s).toEqual({
      reporting: null,
      converted: 100,
      byCurrency: { EUR: 3, JPY: 100, USD: 5 },
      missingRates: [
        { currency: 'EUR', month: '2026-01' },
        { currency: 'USD', month: '2026-04' },
      ],
    });
  });

  it('needs no rate for a zero amount', () => {
    expect(summariseCosts([part('a', 'USD', '2026-04', 0, null)])).toMatchObject({ reporting: 0, missingRates: [] });
  });

  it('summarises each campaign apart', () => {
    const m = summariseByCampaign([part('a', 'JPY', '2026-01', 1, 1), part('b', 'USD', '2026-01', 2, null)]);
    expect(m.get('a')?.reporting).toBe(1);
    expect(m.get('b')?.missingRates).toEqual([{ currency: 'USD', month: '2026-01' }]);
  });
});

describe('parseRatesCsv', () => {
  it('reads currency,month,rate in any column order, upper-casing currencies', () => {
    expect(parseRatesCsv('rate,note,Month,currency\n151.2,x,2026-04,usd\n')).toEqual([{ currency: 'USD', month: '2026-04', rate: 151.2 }]);
  });

  it('refuses the whole file with every bad line named', () => {
    expect(() => parseRatesCsv('currency,month,rate\nUSD,2026-04,0\nUSD,2026-04,1\nUS,2026-05,1\nEUR,2026-05,1\nEUR,2026-05,2\n')).toThrow(
      /line 2: rate .*line 4: currency .*line 6: EUR 2026-05 is also on line 5/,
    );
  });
});
