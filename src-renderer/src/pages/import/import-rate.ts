/**
 * Speed and time left of a running import, from its `import:progress` events.
 * Pure: the page stamps each event with the time it arrived and asks for a view.
 */

export interface ProgressSample {
  /** When the event arrived (ms, any monotonic clock). */
  at: number;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  /** Row errors found so far. */
  errorCount: number;
}

export interface ProgressView {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  errorCount: number;
  /** 0…1 of the file's bytes, or null when the size is unknown. */
  fraction: number | null;
  rowsPerSecond: number | null;
  secondsLeft: number | null;
}

/** The rate is taken over the last few seconds, so it follows the job's current speed. */
export const RATE_WINDOW_MS = 5000;
/** Under this span a rate is mostly noise (two events from one batch). */
const MIN_SPAN_MS = 250;

/**
 * Adds an event to the window. Samples older than the window are dropped, but
 * one sample from before it stays so there is always a span to measure. A
 * counter going backwards means another run: start over.
 */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample, windowMs = RATE_WINDOW_MS): ProgressSample[] {
  const last = samples.at(-1);
  if (last && (sample.bytesRead < last.bytesRead || sample.rowsRead < last.rowsRead || sample.at < last.at)) return [sample];
  const next = [...samples, sample];
  const from = sample.at - windowMs;
  while (next.length > 2 && next[1]!.at <= from) next.shift();
  return next;
}

export function progressView(samples: readonly ProgressSample[]): ProgressView | null {
  const last = samples.at(-1);
  if (!last) return null;
  const first = samples[0]!;
  const fraction = last.totalBytes > 0 ? Math.min(1, Math.max(0, last.bytesRead / last.totalBytes)) : null;
  const span = last.at - first.at;
  let rowsPerSecond: number | null = null;
  let secondsLeft: number | null = null;
  if (span >= MIN_SPAN_MS) {
    rowsPerSecond = ((last.rowsRead - first.rowsRead) * 1000) / span;
    const bytesPerSecond = ((last.bytesRead - first.bytesRead) * 1000) / span;
    if (last.totalBytes > 0 && bytesPerSecond > 0) {
      secondsLeft = Math.max(0, (last.totalBytes - last.bytesRead) / bytesPerSecond);
    }
  }
  return {
    rowsRead: last.rowsRead,
    bytesRead: last.bytesRead,
    totalBytes: last.totalBytes,
    errorCount: last.errorCount,
    fraction,
    rowsPerSecond,
    secondsLeft,
  };
}
