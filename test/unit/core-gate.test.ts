/**
 * The gate a restore closes: calls running when it closes finish first,
 * calls made while it is closed wait and run after its work, in order.
 */
import { describe, expect, it } from 'vitest';
import { createGate } from '../../src-main/core/gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('createGate', () => {
  it('runs calls freely while open', async () => {
    const gate = createGate();
    expect(await Promise.all([gate.run(async () => 1), gate.run(async () => 2)])).toEqual([1, 2]);
  });

  it('waits for running calls, holds new ones, and lets them through after', async () => {
    const gate = createGate();
    const log: string[] = [];
    const slow = deferred();
    const running = gate.run(async () => {
      await slow.promise;
      log.push('running call ends');
    });
    const work = deferred();
    const exclusive = gate.exclusive(async () => {
      log.push('exclusive starts');
      await work.promise;
      log.push('exclusive ends');
      return 'done';
    });
    const later = gate.run(async () => log.push('later call'));
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual([]);
    slow.resolve();
    await running;
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['running call ends', 'exclusive starts']);
    work.resolve();
    expect(await exclusive).toBe('done');
    await later;
    expect(log).toEqual(['running call ends', 'exclusive starts', 'exclusive ends', 'later call']);
  });

  it('opens again when the exclusive work fails', async () => {
    const gate = createGate();
    await expect(gate.exclusive(async () => Promise.reject(new Error('restore failed')))).rejects.toThrow('restore failed');
    expect(await gate.run(async () => 'answered')).toBe('answered');
  });
});
