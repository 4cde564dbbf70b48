import { describe, expect, it } from 'vitest';
import { rateDraftFrom, rateErrors, rateInput } from '../../src-renderer/src/pages/settings/rates-view';

describe('the exchange-rate form', () => {
  it('is filled in from a "rate missing" link, and ignores what is not a currency or a month', () => {
    expect(rateDraftFrom(new URLSearchParams('rateCurrency=usd&rateMonth=2026-04'))).toEqual({
      currency: 'USD',
      month: '2026-04',
      rate: '',
    });
    expect(rateDraftFrom(new URLSearchParams('rateCurrency=dollar&rateMonth=2026-13'))).toEqual({ currency: '', month: '', rate: '' });
  });

  it('says what is wrong with each field, the reporting currency included', () => {
    expect(rateErrors({ currency: 'US', month: '2026-4', rate: '0' }, 'JPY')).toEqual({
      currency: 'currency',
      month: 'month',
      rate: 'rate',
    });
    expect(rateErrors({ currency: 'JPY', month: '2026-04', rate: 'abc' }, 'JPY')).toEqual({ currency: 'sameCurrency', rate: 'rate' });
    expect(rateErrors({ currency: 'usd', month: '2026-04', rate: '1,151.2' }, 'JPY')).toEqual({});
  });

  it('sends the rate as a number and the currency in capitals', () => {
    expect(rateInput({ currency: 'usd ', month: '2026-04', rate: '151.2' })).toEqual({ currency: 'USD', month: '2026-04', rate: 151.2 });
  });
});
