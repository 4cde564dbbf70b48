/**
 * The two kinds of load a format chooses (formats/format.ts): where its rows
 * are staged, and how the stage reaches the real tables and the derived ones,
 * inside the import's transaction.
 */
import type { Db, SqlClient } from '../../db/db';
import { analyzeGrown } from '../../db/statistics';
import { tracedClient, traceStep } from '../../db/trace';
import { refreshDerived } from '../../derived/refresh';
import { DERIVED_TABLE_NAMES } from '../../derived/tables';
import { addToDeveloperStats, rebuildDeveloperStats } from '../../stats/service';
import type { FormatLoad } from '../formats/format';
import { emptyCounts, type JobMetrics } from '../jobs';
import { pausePoint } from '../pause';
import { activityImportChange, resolveActivities } from './activity-resolve';
import type { Actors } from './actors';
import { CREATE_STAGE_ACTIVITY, STAGE_ACTIVITY, STAGE_ACTIVITY_COLUMNS } from './activity-stage';
import { openCopy, type CopyWriter } from './copy';
import { analyzeAfterBulkLoad, DERIVED_DEFER_MIN_ROWS, withIndexesDeferred } from './index-aware';
import { settleEventTitle } from './event-title';
import { CREATE_STAGE_RECORD, STAGE_RECORD, STAGE_RECORD_COLUMNS } from './entity-resolve';

/** What a large activities import fills: analysed before its commit. */
const BULK_LOADED = ['activities', 'developers', 'accounts', 'developer_identifiers', 'developer_stats', ...DERIVED_TABLE_NAMES];

/** Creates the load's staging table and opens the COPY into it. */
export async function openStage(client: SqlClient, load: FormatLoad): Promise<CopyWriter> {
  if (load.kind === 'activity') {
    await client.query(CREATE_STAGE_ACTIVITY);
    return openCopy(client, STAGE_ACTIVITY, STAGE_ACTIVITY_COLUMNS);
  }
  await client.query(CREATE_STAGE_RECORD);
  return openCopy(client, STAGE_RECORD, STAGE_RECORD_COLUMNS);
}

/** For formats that name an event with a typed title: whether the import replaces a stored title. */
export interface EventTitles {
  update: boolean;
}

/** Resolves what was staged and refreshes what it changed; the counts go into `metrics`. */
export async function resolveStage(
  tx: Db,
  tenant: string,
  load: FormatLoad,
  metrics: JobMetrics,
  eventTitles?: EventTitles,
  /** An activities file's actors, gathered while it was staged (else read from the stage). */
  actors?: Actors,
): Promise<void> {
  if (load.kind === 'activity') {
    await resolveActivityStage(tx, tenant, metrics, eventTitles, actors);
    return;
  }
  const counts = await load.resolve(tx, tenant);
  metrics.duplicates = counts.duplicates;
  metrics.skipped += counts.skipped ?? 0;
  metrics.inserted = {
    ...emptyCounts(),
    activities: counts.activities ?? 0,
    developers: counts.developers,
    accounts: counts.accounts,
    identifiers: counts.identifiers,
    organizations: counts.organizations,
    campaigns: counts.campaigns,
    budgets: counts.budgets,
  };
  await refreshDerived(tx, tenant, counts.change);
}

async function resolveActivityStage(
  tx: Db,
  tenant: string,
  metrics: JobMetrics,
  eventTitles?: EventTitles,
  actors?: Actors,
): Promise<void> {
  const { counts, links } = await resolveActivities(tx, tenant, actors);
  // Before the derived refresh reads them: the planner's statistics of the people's tables it grew. Not the
  // activities': with them sampled here, attribution's conversions of a 1M-row file ran for minutes (plan not seen).
  const analysed = await analyzeGrown(tx.$client, tenant, {
    developers: counts.developers,
    accounts: counts.accounts,
    developer_identifiers: counts.identifiers,
    organizations: counts.organizations,
  });
  // Before the derived refresh: search reads resource titles.
  if (eventTitles) metrics.eventTitle = await settleEventTitle(tracedClient(tx), eventTitles.update);
  metrics.duplicates = counts.duplicates;
  const { duplicates: _d, ...inserted } = counts;
  metrics.inserted = { ...emptyCounts(), ...inserted };
  const statsStarted = performance.now();
  // A row per new developer: from DERIVED_DEFER_MIN_ROWS of them, the tenant's foreign key is validated by one join
  // after the upsert rather than per row, and the tenant index built after it (the primary key stays: the upsert's).
  await withIndexesDeferred(tx.$client, 'developer_stats', counts.developers, () => addToDeveloperStats(tx, tenant, 'inserted_activity'), {
    minRows: DERIVED_DEFER_MIN_ROWS,
  });
  traceStep('developer stats', statsStarted);
  await pausePoint('derived');
  const derivedStarted = performance.now();
  // Search, funnel, daily counts and attribution (campaign_stats included), in this transaction.
  await refreshDerived(tx, tenant, await activityImportChange(tx));
  traceStep('derived', derivedStarted);
  if (links.conflictCount > 0) metrics.clickIdConflicts = { count: links.conflictCount, first: links.conflicts };
  if (links.moved.count > 0) {
    // Earlier anonymous activities a click id gave to developers: not the import's new rows, so a second refresh.
    await rebuildDeveloperStats(tx, tenant, links.moved.developers);
    await refreshDerived(tx, tenant, { developers: links.moved.developers, span: links.moved.span });
  }
  await analyzeAfterBulkLoad(
    tx.$client,
    counts.activities,
    BULK_LOADED.filter((table) => !analysed.includes(table)),
  );
}
