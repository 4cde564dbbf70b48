import { describe, expect, it } from 'vitest';
import { hrefFor, routeFromHash, routeIds } from '../../src-renderer/src/routes';

describe('routeFromHash', () => {
  it('opens Overview for an empty hash', () => {
    expect(routeFromHash('')).toBe('overview');
    expect(routeFromHash('#')).toBe('overview');
    expect(routeFromHash('#/')).toBe('overview');
  });

  it('round-trips every page through its href', () => {
    for (const id of routeIds) expect(routeFromHash(hrefFor(id))).toBe(id);
  });

  it('ignores what follows the page segment', () => {
    expect(routeFromHash('#/developers/42')).toBe('developers');
    expect(routeFromHash('#/funnel?from=2025-01-01')).toBe('funnel');
  });

  it('reports unknown pages instead of guessing', () => {
    expect(routeFromHash('#/nope')).toBe('notFound');
    expect(routeFromHash('#main')).toBe('notFound');
  });
});
