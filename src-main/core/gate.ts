/**
 * Holds the core's calls back while it swaps its connections (a restore):
 * `exclusive` waits for the calls running now to finish and keeps new ones
 * waiting until its work is done; they then run on what it left.
 */
export interface Gate {
  run<T>(call: () => Promise<T>): Promise<T>;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export function createGate(): Gate {
  let active = 0;
  let closed: Promise<void> | undefined;
  let drained: (() => void) | undefined;
  return {
    async run(call) {
      while (closed) await closed;
      active += 1;
      try {
        return await call();
      } finally {
        active -= 1;
        if (active === 0) drained?.();
      }
    },
    async exclusive(work) {
      while (closed) await closed;
      let open!: () => void;
      closed = new Promise<void>((resolve) => (open = resolve));
      try {
        if (active > 0) await new Promise<void>((resolve) => (drained = resolve));
        drained = undefined;
        return await work();
      } finally {
        closed = undefined;
        open();
      }
    },
  };
}
