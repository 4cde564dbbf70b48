import { describe, expect, it } from 'vitest';
import { zonedIso } from '../../src-shared/zoned-time';

describe('zonedIso', () => {
  it('writes the local time of the zone with its offset', () => {
    expect(zonedIso('2026-03-31T15:30:00Z', 'Asia/Tokyo')).toBe('2026-04-01T00:30:00+09:00');
    expect(zonedIso('2026-03-31T15:30:00Z', 'Asia/Kolkata')).toBe('2026-03-31T21:00:00+05:30');
    expect(zonedIso(new Date('2024-05-01T10:00:00.250Z'), 'UTC')).toBe('2024-05-01T10:00:00.250+00:00');
  });
  it('follows daylight saving time', () => {
    expect(zonedIso('2026-01-15T12:00:00Z', 'America/New_York')).toBe('2026-01-15T07:00:00-05:00');
    expect(zonedIso('2026-07-15T12:00:00Z', 'America/New_York')).toBe('2026-07-15T08:00:00-04:00');
  });
  it('writes midnight as 00, not 24', () => {
    expect(zonedIso('2026-03-31T15:00:00Z', 'Asia/Tokyo')).toBe('2026-04-01T00:00:00+09:00');
  });
});
