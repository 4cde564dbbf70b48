import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../src-shared/contract/resources';
import { categoryOptions, eventsTable, timelineShape, type EventLabels } from '../../src-renderer/src/pages/resources/resource-view';

const labels = Object.fromEntries(
  [
    'date',
    'event',
    'registered',
    'cancelled',
    'attended',
    'noShows',
    'noShowRate',
    'firstTime',
    'repeat',
    'repeatInGroup',
    'repeatRate',
  ].map((k) => [k, k]),
) as EventLabels;

const event = (over: Partial<EventRow>): EventRow => ({
  resourceId: 'r',
  title: 'Meetup',
  groupKey: 'meetup',
  date: '2026-01-10',
  registered: 4,
  cancelled: 1,
  attended: 2,
  noShows: 1,
  noShowRate: 1 / 3,
  firstTime: 1,
  repeat: 1,
  repeatInGroup: 1,
  ...over,
});

describe('resource view', () => {
  it('pivots the timeline into one row per bucket and one column per action, zeros filled, by date', () => {
    const shape = timelineShape(
      {
        actions: [
          { action: 'register', activities: 4, developers: 4 },
          { action: 'attend', activities: 2, developers: 2 },
        ],
        timeline: [
          { period: '2026-01-05', action: 'attend', activities: 2 },
          { period: '2025-12-29', action: 'register', activities: 4 },
        ],
      },
      'Period',
    );
    expect(shape.rows).toEqual([
      { period: '2025-12-29', 'a:register': 4, 'a:attend': 0 },
      { period: '2026-01-05', 'a:register': 0, 'a:attend': 2 },
    ]);
    expect(shape.table.columns.map((c) => c.label)).toEqual(['Period', 'register', 'attend']);
    expect(shape.total).toBe(6);
  });

  it('gives a series its repeat rate (same group), none without a group or attendees', () => {
    const table = eventsTable(
      [event({}), event({ groupKey: null, repeatInGroup: null }), event({ title: null, attended: 0, repeatInGroup: 0 })],
      labels,
      '(untitled)',
    );
    expect(table.rows.map((r) => [r.event, r.repeatRate])).toEqual([
      ['Meetup', 0.5],
      ['Meetup', null],
      ['(untitled)', null],
    ]);
  });

  it('offers the known categories first, then those an import invented', () => {
    expect(categoryOptions(['event', 'community'])).toEqual([
      'event',
      'blog',
      'video',
      'ad',
      'repo',
      'link',
      'form',
      'webinar',
      'community',
    ]);
  });
});
