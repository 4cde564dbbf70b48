/**
 * Clicks are written in batches: a burst of a thousand visitors is a few
 * transactions (each with its derived refresh), not a thousand. A batch goes
 * out when it holds `maxClicks` or `intervalMs` after its first click; a
 * crash loses at most the clicks not yet written (the README says so).
 * Batches are written one after another, never two at once.
 */
import type { Click } from './clicks';

export interface ClickBatcher {
  add(click: Click): void;
  /** Writes every click added so far; resolves when they are written (or their write failed and was reported). */
  flush(): Promise<void>;
  /** Clicks added and not yet written. */
  pending(): number;
}

export interface BatchOptions {
  write(clicks: Click[]): Promise<unknown>;
  /** A failed write: the batch is dropped (a redirect must not wait for, or retry into, a failing database). */
  onError(error: unknown, lost: number): void;
  maxClicks?: number;
  intervalMs?: number;
}

export function createClickBatcher({ write, onError, maxClicks = 200, intervalMs = 250 }: BatchOptions): ClickBatcher {
  let queue: Click[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const drain = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length > 0) {
      writing = writing.then(() =>
        write(batch).then(
          () => undefined,
          (error: unknown) => onError(error, batch.length),
        ),
      );
    }
    return writing;
  };

  return {
    add(click) {
      queue.push(click);
      if (queue.length >= maxClicks) void drain();
      else timer ??= setTimeout(() => void drain(), intervalMs);
    },
    flush: drain,
    pending: () => queue.length,
  };
}
