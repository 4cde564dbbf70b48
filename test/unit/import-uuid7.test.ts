import { describe, expect, it } from 'vitest';
import { uuid7 } from '../../src-main/core/imports/load/uuid7';

describe('uuid7', () => {
  it('is a version 7, RFC-variant UUID carrying the millisecond timestamp', () => {
    const at = Date.UTC(2024, 4, 1, 10, 0, 0, 123);
    const id = uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('orders ids of different milliseconds by time, and never repeats', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuid7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => uuid7())).size).toBe(10_000);
  });
});

describe('uuid7 of the same millisecond', () => {
  it('shares the millisecond prefix and differs in the random bits, also going back and forth between milliseconds', () => {
    const a = 1_700_000_000_000;
    const ids = [uuid7(a), uuid7(a), uuid7(a + 1), uuid7(a), uuid7(0)];
    expect(ids.map((id) => id.slice(0, 15))).toEqual([
      '018bcfe5-6800-7',
      '018bcfe5-6800-7',
      '018bcfe5-6801-7',
      '018bcfe5-6800-7',
      '00000000-0000-7',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
