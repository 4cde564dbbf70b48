import { describe, expect, it } from 'vitest';
import { processCpuNs } from '../../src-main/core/db/process-cpu';

describe('processCpuNs', () => {
  it("grows with this process's own work", () => {
    const before = processCpuNs(process.pid);
    let x = 0;
    for (let i = 0; i < 5e6; i++) x += Math.sqrt(i);
    const after = processCpuNs(process.pid);
    expect(x).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before!);
  });

  it('is undefined for a process that does not exist', () => {
    // Above the kernel's pid_max (at most 2^22), so never a live process.
    expect(processCpuNs(2 ** 23)).toBeUndefined();
  });
});
