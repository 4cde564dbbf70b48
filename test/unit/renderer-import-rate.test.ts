import { describe, expect, it } from 'vitest';
import { addSample, progressView, RATE_WINDOW_MS, type ProgressSample } from '../../src-renderer/src/pages/import/import-rate';

const sample = (at: number, rowsRead: number, bytesRead: number, totalBytes = 10_000): ProgressSample => ({
  at,
  rowsRead,
  bytesRead,
  totalBytes,
  errorCount: 0,
});

function feed(samples: ProgressSample[]): ProgressSample[] {
  return samples.reduce<ProgressSample[]>((acc, s) => addSample(acc, s), []);
}

describe('progressView', () => {
  it('has nothing to say before the first event', () => {
    expect(progressView([])).toBeNull();
  });

  it('gives the fraction from bytes but no rate from one event', () => {
    const view = progressView(feed([sample(0, 100, 2_500)]));
    expect(view).toMatchObject({ rowsRead: 100, fraction: 0.25, rowsPerSecond: null, secondsLeft: null });
  });

  it('computes rows per second and the time left from the bytes still to read', () => {
    // 1,000 rows and 2,000 bytes per second; 6,000 bytes left → 3 s.
    const view = progressView(feed([sample(0, 0, 0), sample(1000, 1000, 2000), sample(2000, 2000, 4000)]));
    expect(view?.rowsPerSecond).toBeCloseTo(1000);
    expect(view?.secondsLeft).toBeCloseTo(3);
    expect(view?.fraction).toBeCloseTo(0.4);
  });

  it('waits for a measurable span before giving a rate (two events of one batch)', () => {
    const view = progressView(feed([sample(0, 0, 0), sample(100, 500, 1000)]));
    expect(view?.rowsPerSecond).toBeNull();
    expect(view?.secondsLeft).toBeNull();
  });

  it('follows the current speed, not the average since the start', () => {
    const samples: ProgressSample[] = [];
    // 10 s slow (100 rows/s), then 10 s fast (1,000 rows/s).
    for (let s = 0; s <= 10; s++) samples.push(sample(s * 1000, s * 100, s * 100, 1_000_000));
    for (let s = 1; s <= 10; s++) samples.push(sample((10 + s) * 1000, 1000 + s * 1000, 1000 + s * 1000, 1_000_000));
    const window = feed(samples);
    expect(window.at(-1)!.at - window[0]!.at).toBeLessThanOrEqual(RATE_WINDOW_MS + 1000);
    expect(progressView(window)?.rowsPerSecond).toBeCloseTo(1000);
  });

  it('has no fraction or time left when the size is unknown', () => {
    const view = progressView(feed([sample(0, 0, 0, 0), sample(1000, 500, 800, 0)]));
    expect(view).toMatchObject({ fraction: null, secondsLeft: null });
    expect(view?.rowsPerSecond).toBeCloseTo(500);
  });

  it('says zero left when all bytes are read and never a fraction over 1', () => {
    const view = progressView(feed([sample(0, 0, 0, 1000), sample(1000, 10, 1200, 1000)]));
    expect(view?.fraction).toBe(1);
    expect(view?.secondsLeft).toBe(0);
  });

  it('gives no time left while nothing moves (a stalled job)', () => {
    const view = progressView(feed([sample(0, 10, 500), sample(2000, 10, 500)]));
    expect(view?.rowsPerSecond).toBe(0);
    expect(view?.secondsLeft).toBeNull();
  });
});

describe('addSample', () => {
  it('keeps one sample from before the window so there is always a span', () => {
    const window = feed([sample(0, 0, 0), sample(10_000, 10, 10), sample(20_000, 20, 20)]);
    expect(window.map((s) => s.at)).toEqual([10_000, 20_000]);
  });

  it('starts over when the counters go backwards (another run)', () => {
    const window = feed([sample(0, 0, 0), sample(1000, 500, 500), sample(2000, 10, 10)]);
    expect(window).toEqual([sample(2000, 10, 10)]);
  });

  it('does not change the array it was given', () => {
    const before = [sample(0, 0, 0)];
    addSample(before, sample(1000, 1, 1));
    expect(before).toHaveLength(1);
  });
});
