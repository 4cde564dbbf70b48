/**
 * Types from the schema (issue 10): a query Drizzle can type is written with
 * its query builder, so a renamed column stops the build. Only set-based SQL
 * (import resolution, derived refresh, analytics, backups' COPY, migrations'
 * own bookkeeping) names the spec's tables in raw SQL text, and only in the
 * modules listed here. A new raw `from developers` elsewhere fails this test;
 * so does a module that stays listed after it stopped needing raw SQL.
 */
import { describe, expect, it } from 'vitest';
import { modulesNamingTables, NAMED, withoutComments } from '../helpers/raw-sql';

/** Modules whose SQL is set-based, each with the reason it stays SQL. */
const SET_BASED: Record<string, string> = {
  'src-main/core/analytics/funnel.ts': 'set-based: the funnel over derived bitsets and activities',
  'src-main/core/analytics/trend.ts': 'set-based: activity counts per bucket',
  'src-main/core/backup/catalog.ts': 'set-based: row counts and the migrations a backup records, for every table at once',
  'src-main/core/backup/restore.ts': 'set-based: a restore empties and refills every table with COPY',
  'src-main/core/backup/refusal.ts':
    "on a backup's or restore's own connection (the owner's): counts every tenant, which RLS hides from the app's Db",
  'src-main/core/campaigns/detail-series.ts':
    "set-based: a campaign's numbers per bucket and its top developers, aggregated over attribution",
  'src-main/core/campaigns/roi.ts': 'set-based: ROI over attribution and budgets',
  'src-main/core/campaigns/roi-breakdown.ts':
    'set-based: credit per utm value or resource category over attribution, channels of every campaign',
  'src-main/core/campaigns/undo.ts': 'set-based: a campaign delete snapshots and restores its rows in bulk',
  'src-main/core/campaigns/utm-campaign.ts': 'a SQL fragment joined by set-based attribution (imports, short-link clicks)',
  'src-main/core/db/migrate.ts': "the migration runner's own bookkeeping, before the schema exists",
  'src-main/core/derived/activity-daily.ts': 'set-based: derived refresh',
  'src-main/core/derived/attribution.ts': 'set-based: derived refresh',
  'src-main/core/derived/campaign-daily.ts': 'set-based: derived refresh',
  'src-main/core/derived/counted.ts': 'set-based: derived refresh',
  'src-main/core/derived/developer-number.ts': 'set-based: numbers for many developers in one statement',
  'src-main/core/derived/funnel-bits.ts': 'set-based: derived refresh',
  'src-main/core/derived/funnel-cells-grouped.ts': "set-based: derived refresh (the whole tenant's counted activities in one COPY)",
  'src-main/core/derived/developer-search.ts': 'set-based: derived refresh',
  'src-main/core/derived/roi-steps.ts': 'set-based: derived refresh',
  'src-main/core/derived/merge-keys.ts': 'set-based: derived refresh (merge keys of many developers at once)',
  'src-main/core/derived/merge-pairs.ts': 'set-based: derived refresh (pairs within groups)',
  'src-main/core/derived/merge-suggestions.ts': 'set-based: derived refresh',
  'src-main/core/derived/merged-away.ts': 'set-based: derived refresh (who is merged away, rebuilt from the whole merge log)',
  'src-main/core/developers/filters.ts': 'set-based: the list filters as SQL fragments',
  'src-main/core/developers/list.ts': 'set-based: the developer search and its exports',
  'src-main/core/developers/tags.ts': 'set-based: one tag added to or removed from every developer a filter lists; tags in use',
  'src-main/core/organizations/detail.ts': "set-based: an organization's members per stage and their activity per bucket",
  'src-main/core/identity/merged-away.ts': 'the merged-away rule as a SQL fragment for set-based queries',
  'src-main/core/imports/load/activity-resolve.ts': 'set-based: import resolution',
  'src-main/core/imports/load/click-links.ts':
    "set-based: import resolution, a file's click ids linked and their anonymous activities moved",
  'src-main/core/imports/load/click-resolve.ts': "set-based: a click log's staged rows joined to their short links",
  'src-main/core/imports/load/domain-orgs.ts': 'set-based: import resolution',
  'src-main/core/imports/load/entity-resolve.ts': 'set-based: import resolution',
  'src-main/core/imports/load/identity-known.ts': "set-based: look-ups of a whole file's keys in batches (unnest, = any)",
  'src-main/core/imports/load/identity-memory.ts':
    'set-based: organizations of a whole file (unnest) and one update of its known developers',
  'src-main/core/imports/load/identity-write.ts': "set-based: COPY of a whole file's new rows and one UPDATE … FROM of its known accounts",
  'src-main/core/imports/load/event-title.ts': "set-based: import resolution, the staged event's title against the stored one",
  'src-main/core/merges/suggestions.ts': 'set-based: candidate pairs found by self-joins',
  'src-main/core/resources/attribution.ts': "set-based: a resource's activities re-attributed in bulk, with their difference",
  'src-main/core/resources/events.ts': 'set-based: event figures per event and developer over activities',
  'src-main/core/resources/merge.ts': 'set-based: a merge moves every activity of a resource and snapshots its row for undo',
  'src-main/core/resources/report.ts': "set-based: a resource's activities per bucket, action, stage and campaign",
  'src-main/core/resources/service.ts': "set-based: the list's activity counts and spans per resource, with dynamic filters",
  'src-main/core/rates/costs.ts': 'set-based: budget costs per campaign, currency and month, each with its rate',
  'src-main/core/shortlinks/clicks.ts': 'set-based: a batch of clicks inserted and attributed in one statement each',
  'src-main/core/stats/service.ts': 'set-based: developer_stats and campaign_stats recomputed',
};

describe('spec tables in raw SQL', () => {
  const found = modulesNamingTables();

  it('are named only by the set-based modules', () => {
    const outside = [...found].filter(([file]) => !(file in SET_BASED)).map(([file, table]) => `${file} (${table})`);
    expect(outside, 'use the Drizzle query builder, or add the module to SET_BASED with the reason its SQL is set-based').toEqual([]);
  });

  it('lists no module that no longer needs raw SQL', () => {
    expect(Object.keys(SET_BASED).filter((file) => !found.has(file))).toEqual([]);
  });

  it('recognises a raw table name and ignores prose', () => {
    expect(NAMED.test(withoutComments("db.query('select * from developers where id = $1')"))).toBe(true);
    expect(NAMED.test(withoutComments('insert into public.activities (id) values (1)'))).toBe(true);
    expect(NAMED.test(withoutComments('// rows from developers are merged'))).toBe(false);
    expect(NAMED.test(withoutComments('db.select().from(developers)'))).toBe(false);
  });
});
