/**
 * The Resources pages' numbers as tables: what each table shows and its CSV
 * exports (one shape, so that screen and file cannot disagree). Pure.
 */
import type { ChartTable, TableColumn } from '../../analytics/chart-data';
import type { EventRow, ResourceReport, ResourceRow } from '../../../../src-shared/contract/resources';
import { resourceCategories } from '../../../../src-shared/contract/values';

export const RESOURCE_PAGE_SIZE = 50;

const col = (key: string, label: string, kind: TableColumn['kind'] = 'count'): TableColumn => ({ key, label, kind });

/** The known categories, then any other the tenant's resources have (an import may write its own). */
export function categoryOptions(seen: readonly string[]): string[] {
  return [...resourceCategories, ...seen.filter((c) => !(resourceCategories as readonly string[]).includes(c))];
}

export function resourceListTable(
  rows: readonly ResourceRow[],
  labels: Record<'title' | 'category' | 'group' | 'campaign' | 'activities' | 'lastActivity', string>,
): ChartTable {
  return {
    columns: [
      col('title', labels.title, 'text'),
      col('category', labels.category, 'text'),
      col('group', labels.group, 'text'),
      col('campaign', labels.campaign, 'text'),
      col('activities', labels.activities),
      col('lastActivity', labels.lastActivity, 'text'),
      col('url', 'URL', 'text'),
      col('resourceId', 'resource_id', 'text'),
    ],
    rows: rows.map((r) => ({
      title: r.title,
      category: r.category,
      group: r.groupKey,
      campaign: r.campaignName,
      activities: r.activities,
      lastActivity: r.lastAt,
      url: r.url,
      resourceId: r.resourceId,
    })),
  };
}

/** Activities per bucket, one column per action (most frequent first), and the chart's series. */
export function timelineShape(report: Pick<ResourceReport, 'timeline' | 'actions'>, periodLabel: string) {
  const actions = report.actions.map((a) => a.action);
  const byPeriod = new Map<string, Record<string, string | number>>();
  for (const p of report.timeline) {
    const row = byPeriod.get(p.period) ?? { period: p.period, ...Object.fromEntries(actions.map((a) => [`a:${a}`, 0])) };
    row[`a:${p.action}`] = p.activities;
    byPeriod.set(p.period, row);
  }
  const rows = [...byPeriod.values()].sort((a, b) => String(a.period).localeCompare(String(b.period)));
  const table: ChartTable = {
    columns: [col('period', periodLabel, 'day'), ...actions.map((a) => col(`a:${a}`, a))],
    rows,
  };
  return {
    rows,
    table,
    series: actions.map((a) => ({ dataKey: `a:${a}`, label: a })),
    total: report.timeline.reduce((n, p) => n + p.activities, 0),
  };
}

export function actionsTable(report: ResourceReport, labels: Record<'action' | 'activities' | 'developers', string>): ChartTable {
  return {
    columns: [col('action', labels.action, 'text'), col('activities', labels.activities), col('developers', labels.developers)],
    rows: report.actions.map((a) => ({ ...a })),
  };
}

export function stageMixTable(
  report: ResourceReport,
  stageName: (stage: string | null) => string,
  labels: Record<'stage' | 'developers', string>,
): ChartTable {
  return {
    columns: [col('stage', labels.stage, 'text'), col('developers', labels.developers)],
    rows: report.stageMix.map((s) => ({ stage: stageName(s.stage), developers: s.developers })),
  };
}

export function campaignsTable(report: ResourceReport, labels: Record<'campaign' | 'activities' | 'weight', string>): ChartTable {
  return {
    columns: [col('campaign', labels.campaign, 'text'), col('activities', labels.activities), col('weight', labels.weight, 'weight')],
    rows: report.campaigns.map((c) => ({ campaign: c.name, activities: c.activities, weight: c.weight })),
  };
}

export type EventLabels = Record<
  | 'date'
  | 'event'
  | 'registered'
  | 'cancelled'
  | 'attended'
  | 'noShows'
  | 'noShowRate'
  | 'firstTime'
  | 'repeat'
  | 'repeatInGroup'
  | 'repeatRate',
  string
>;

/** Events as rows (one event's figures, or a series): repeat rate = same-group repeat attendees / attendees. */
export function eventsTable(events: readonly EventRow[], labels: EventLabels, untitled: string): ChartTable {
  return {
    columns: [
      col('date', labels.date, 'day'),
      col('event', labels.event, 'text'),
      col('registered', labels.registered),
      col('cancelled', labels.cancelled),
      col('attended', labels.attended),
      col('noShows', labels.noShows),
      col('noShowRate', labels.noShowRate, 'share'),
      col('firstTime', labels.firstTime),
      col('repeat', labels.repeat),
      col('repeatInGroup', labels.repeatInGroup),
      col('repeatRate', labels.repeatRate, 'share'),
    ],
    rows: events.map((e) => ({
      date: e.date,
      event: e.title ?? untitled,
      registered: e.registered,
      cancelled: e.cancelled,
      attended: e.attended,
      noShows: e.noShows,
      noShowRate: e.noShowRate,
      firstTime: e.firstTime,
      repeat: e.repeat,
      repeatInGroup: e.repeatInGroup,
      repeatRate: e.repeatInGroup === null || e.attended === 0 ? null : e.repeatInGroup / e.attended,
    })),
  };
}

export function attendeeStagesTable(
  stages: NonNullable<ResourceReport['event']>['stages'],
  stageName: (stage: string | null) => string,
  labels: Record<'stage' | 'before' | 'after', string>,
): ChartTable {
  return {
    columns: [col('stage', labels.stage, 'text'), col('before', labels.before), col('after', labels.after)],
    rows: stages.map((s) => ({ stage: stageName(s.stage), before: s.before, after: s.after })),
  };
}
