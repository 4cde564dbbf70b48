/**
 * Where the sample load ends (issue 11, section 3): on Overview showing the
 * sample's period once every sample job has succeeded, staying put while any
 * runs or when one failed.
 */
import { describe, expect, it } from 'vitest';
import type { ImportStatus } from '../../src-shared/contract/imports';
import { sampleLanding, sampleLandingHref } from '../../src-renderer/src/lib/sample-landing';

describe('sampleLanding', () => {
  const done = (status: ImportStatus) => ({ status });
  it('waits while any job is unknown or running', () => {
    expect(sampleLanding([done('succeeded'), undefined])).toBe('wait');
    expect(sampleLanding([done('succeeded'), done('running')])).toBe('wait');
    expect(sampleLanding([done('queued')])).toBe('wait');
  });
  it('lands once every job succeeded, and gives up when one did not', () => {
    expect(sampleLanding([done('succeeded'), done('succeeded')])).toBe('land');
    expect(sampleLanding([done('succeeded'), done('rejected')])).toBe('stay');
    expect(sampleLanding([done('failed'), done('running')])).toBe('wait');
    expect(sampleLanding([done('cancelled'), done('succeeded')])).toBe('stay');
  });
});

describe('sampleLandingHref', () => {
  it('opens Overview on the data’s own period', () => {
    expect(sampleLandingHref({ from: '2024-04-01', to: '2025-04-01' })).toBe('#/?period=custom&from=2024-04-01&to=2025-04-01');
  });
  it('opens Overview as it is without a range', () => {
    expect(sampleLandingHref({ from: null, to: null })).toBe('#/');
  });
});
