/**
 * An awaited collection must not hold up an import: were `vm.measureMemory`'s
 * promise never to settle, collectGarbage gives up after its limit and
 * resolves false (load/collect-garbage.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:vm', () => ({ measureMemory: () => new Promise(() => {}) }));

afterEach(() => vi.useRealTimers());

describe('collectGarbage', () => {
  it('resolves false after 10 s when the collection never reports back', async () => {
    vi.useFakeTimers();
    const { collectGarbage } = await import('../../src-main/core/imports/load/collect-garbage');
    let settled: boolean | undefined;
    void collectGarbage().then((result) => (settled = result));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(false);
  });
});
