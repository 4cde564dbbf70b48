/**
 * The Overview's calls leave before the page has rendered (pages/overview/first-page-prefetch.ts),
 * and they are the very queries the page makes, so it asks nothing twice.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Call {
  channel: string;
  input: unknown;
}
const calls: Call[] = [];
let answerSettings: (zone: string) => void = () => undefined;

vi.mock('../../src-renderer/src/api', () => ({
  api: {
    call: (channel: string, input: unknown) => {
      calls.push({ channel, input });
      if (channel === 'settings:get') return new Promise((resolve) => (answerSettings = (timeZone) => resolve({ timeZone })));
      return Promise.resolve({ developers: 1 });
    },
    on: () => () => {},
  },
}));

const { prefetchFirstPage } = await import('../../src-renderer/src/pages/overview/first-page-prefetch');
const { overviewInput } = await import('../../src-renderer/src/pages/overview/overview-input');
const { analyticsQueries } = await import('../../src-renderer/src/queries/analytics');

const storage = new Map<string, string>();
const overviewCalls = () => calls.filter((c) => c.channel === 'analytics:get-overview').map((c) => c.input);
const pageInput = (hash: string, today: string) => overviewInput(new URLSearchParams(hash.split('?')[1] ?? ''), today).input;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  calls.length = 0;
  storage.clear();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
  });
  // 20:00 UTC: already the 6th in Tokyo, still the 5th in Los Angeles.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-05T20:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the first page’s calls', () => {
  it('go out together when the zone is known from the last start, and the page finds its answer', async () => {
    storage.set('drm.timeZone', 'Asia/Tokyo');
    const client = new QueryClient();
    prefetchFirstPage(client, '#/');
    expect(calls.map((c) => c.channel).sort()).toEqual(['analytics:get-overview', 'settings:get', 'system:get-data-presence']);
    const input = pageInput('#/', '2026-12-06');
    expect(overviewCalls()).toEqual([input]);
    answerSettings('Asia/Tokyo');
    await settle();
    expect(overviewCalls()).toHaveLength(1);
    expect(client.getQueryData(analyticsQueries.overview(input).queryKey)).toEqual({ developers: 1 });
  });

  it('ask again for the right period when the zone changed since, and remember the new zone', async () => {
    storage.set('drm.timeZone', 'Asia/Tokyo');
    prefetchFirstPage(new QueryClient(), '#/');
    answerSettings('America/Los_Angeles');
    await settle();
    expect(overviewCalls()).toEqual([pageInput('#/', '2026-12-06'), pageInput('#/', '2026-12-05')]);
    expect(storage.get('drm.timeZone')).toBe('America/Los_Angeles');
  });

  it('wait for settings on a first start, and keep the period the address names', async () => {
    const hash = '#/?from=2026-01-01&to=2026-04-01';
    prefetchFirstPage(new QueryClient(), hash);
    expect(overviewCalls()).toEqual([]);
    answerSettings('Asia/Tokyo');
    await settle();
    expect(overviewCalls()).toEqual([pageInput(hash, '2026-12-06')]);
    expect(overviewCalls()[0]).toMatchObject({ from: '2026-01-01', to: '2026-04-01' });
  });

  it('are not made when the app opens on another page', () => {
    storage.set('drm.timeZone', 'Asia/Tokyo');
    prefetchFirstPage(new QueryClient(), '#/developers');
    expect(calls).toEqual([]);
  });
});
