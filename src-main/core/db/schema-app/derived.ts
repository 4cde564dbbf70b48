/**
 * The `derived` schema: structures built for one question each (search,
 * funnel, daily counts, attribution touches), beyond the spec's 25 tables
 * (see README, "Beyond the 25 tables"). Everything in it is computed from the
 * spec's tables, kept current inside the same transactions that change them,
 * and rebuilt from scratch by `drm stats rebuild`. Losing it loses nothing.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from '../schema/admin';
import { campaigns } from '../schema/campaigns';
import { developerMergeLogs } from '../schema/core';

export const derivedSchema = pgSchema('derived');

/**
 * One row per visible developer (merged-away developers have none): what the
 * Developers page searches, filters and sorts by, each with its own index, so
 * that a page, its count and any filter read this one narrow table (the spec's
 * tables would need a scan of activities for the stage and of accounts,
 * identifiers and organizations for a search; see developers/filters.ts).
 */
export const developerSearch = derivedSchema.table(
  'developer_search',
  {
    // No foreign keys: checking them row by row doubled the cost of writing the table during a
    // large import; the refresh deletes the rows of developers that are gone or merged away.
    developerId: uuid('developer_id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** Name, emails, handles and organization, NFKC + lower-cased + spaces removed, joined by newlines. */
    searchText: text('search_text').notNull(),
    /** The display name folded as search_text folds it, for the sort by name (width, case and spaces do not split names apart). */
    sortName: text('sort_name'),
    orgId: uuid('org_id'),
    tags: text('tags').array(),
    /** Providers of the developer's accounts, sorted. */
    providers: text('providers')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** order_no of the highest stage ever reached; null = none. */
    highestStage: smallint('highest_stage'),
    highestStageAt: timestamp('highest_stage_at', { withTimezone: true }),
    totalActions: bigint('total_actions', { mode: 'number' }).notNull().default(0),
    lastActionAt: timestamp('last_action_at', { withTimezone: true }),
    /** derived.search_version's counter when the row was last written: the search index fetches rows newer than its own. */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  // Each index is one of the page's orders (every order ends in the id), walked to the first page.
  // No trigram index: at 120k developers a scan of this narrow table answers a substring search
  // in ~15-30 ms, while maintaining a pg_trgm GIN index cost 2-5 s per 100k developers imported
  // (see developers/filters.ts). Stage and tags are filtered while walking an order's index.
  (t) => [
    index('idx_dev_search_last_action').on(t.tenantId, t.lastActionAt.desc().nullsLast(), t.developerId),
    index('idx_dev_search_total').on(t.tenantId, t.totalActions.desc(), t.lastActionAt.desc().nullsLast(), t.developerId),
    index('idx_dev_search_name').on(t.tenantId, t.sortName, t.developerId),
    index('idx_dev_search_org')
      .on(t.tenantId, t.orgId)
      .where(sql`${t.orgId} is not null`),
    index('idx_dev_search_version').on(t.tenantId, t.version),
  ],
);

/**
 * Per tenant, the version of derived.developer_search (see
 * developers/search-index/): bumped by every transaction that writes the
 * table (the row lock orders those transactions, so versions follow commit
 * order); `floor` is the version at which every row of the tenant was last
 * rewritten, below which an index reloads rather than catches up.
 */
export const searchVersion = derivedSchema.table('search_version', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.tenantId, { onDelete: 'cascade' }),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  floor: bigint('floor', { mode: 'number' }).notNull().default(0),
});

/** Developers whose developer_search row was deleted (merged away, gone), at which version: what an index must drop. */
export const developerSearchGone = derivedSchema.table(
  'developer_search_gone',
  {
    developerId: uuid('developer_id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [index('idx_dev_search_gone_version').on(t.tenantId, t.version)],
);

/** A bit string of any length; funnel_bits keeps CHUNK_BITS (65,536) bits a row. */
export const bitVarying = customType<{ data: string }>({
  dataType() {
    return 'bit varying';
  },
});

/**
 * The funnel as developer bitsets (derived/funnel-bits.ts): bit n % 65,536
 * of a row is set when developer n (developer_number) reached `stage`
 * (order_no; 0 = any activity) on a day of `node` in the slice `dim` ('' =
 * everything, 'source:x', 'campaign:<id>', 'campaign:<id>|source:x'). Nodes
 * are a dyadic tree of days (derived/funnel-nodes.ts), so a period is the
 * OR of a few rows and a funnel is popcounts, sized by developers / 65,536,
 * not by activities. Node −1 of stage 0 in '' holds every counted developer,
 * active or not. Developers without analytics consent and merged-away
 * developers have no bits; rows with no bit set are not kept.
 *
 * A row holds its developers in one of two forms, chosen by how many it
 * holds (derived/funnel-sparse.ts): up to FUNNEL_SPARSE_MAX, `members`, their
 * positions in the chunk, sorted (`bits` null); above it, `bits` (`members`
 * null). Most rows (sources, campaigns, single days) hold a handful.
 */
export const funnelBits = derivedSchema.table(
  'funnel_bits',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    dim: text('dim').notNull(),
    stage: smallint('stage').notNull(),
    node: integer('node').notNull(),
    chunk: integer('chunk').notNull(),
    bits: bitVarying('bits'),
    members: integer('members').array(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dim, t.stage, t.node, t.chunk] }),
    check('funnel_bits_one_form_check', sql`(${t.bits} is null) <> (${t.members} is null)`),
  ],
);

/**
 * Per developer with bits in funnel_bits, the (dim, stage, day) cells they
 * were set from, as the last refresh wrote them: a refresh clears the
 * developer's bits in exactly those cells' nodes, so a merge, a consent edit
 * or a campaign's delete reads what the developers own, never the tenant's
 * bitsets. `cells[i]` = dim index (into `dims`, from 0) · 2^31 + stage ·
 * 2^16 + day (derived/funnel-nodes.ts).
 */
export const funnelCells = derivedSchema.table('funnel_cells', {
  developerId: uuid('developer_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  dims: text('dims').array().notNull(),
  cells: bigint('cells', { mode: 'number' }).array().notNull(),
});

/** Activities per day × action × source, in the tenant's time zone (consented developers and anonymous). */
export const activityDaily = derivedSchema.table(
  'activity_daily',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    action: text('action').notNull(),
    source: text('source').notNull(),
    /** Activities of developers with analytics consent. */
    activities: bigint('activities', { mode: 'number' }).notNull(),
    /** Activities with only an anon id. */
    anonymous: bigint('anonymous', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.action, t.source] })],
);

/** Attributed activities per campaign × day × action × source (weights of activity_campaigns). */
export const campaignDaily = derivedSchema.table(
  'campaign_daily',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.campaignId, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    action: text('action').notNull(),
    source: text('source').notNull(),
    /** Sum of attribution weights (developers with consent and anonymous). */
    weight: numeric('weight').notNull(),
    /** Attributed activities, whatever their weight. */
    activities: bigint('activities', { mode: 'number' }).notNull(),
    /** Sum of the weights of anonymous activities. */
    anonymous: numeric('anonymous').notNull(),
    /**
     * The part of `weight` that is multi-touch credit (conversions without a
     * direct campaign, under the tenant's model and lookback): ROI for another
     * model keeps `weight - multi_touch` and recomputes this part from
     * roi_steps.
     */
    multiTouch: numeric('multi_touch').notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.campaignId, t.day, t.action, t.source] })],
);

/**
 * ROI credit of conversions without a direct campaign under each model
 * ('first', 'last', 'linear') for every lookback L of 1–365 days, per
 * campaign and conversion day (tenant's zone): the credit a campaign gets is
 * a step function of L that changes only at the ages (in whole days, rounded
 * up) of touches, so the sum over a day's conversions is kept at its
 * breakpoints. `cum[i]` is the credit for L in [ages[i], ages[i+1]); ROI for
 * any model, lookback and period is `sum(cum[width_bucket(L, ages)])` over
 * the period's rows (campaigns/roi.ts), sized by campaigns × days whatever
 * the activity. Exact `numeric`, so that refreshes, which add and subtract
 * developers' contributions (derived/roi-steps.ts), leave what a rebuild
 * writes. Developers with analytics consent only.
 */
export const roiSteps = derivedSchema.table(
  'roi_steps',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    model: text('model').notNull(),
    // The campaign's rows go with it (a delete is undone by refreshing its developers again).
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.campaignId, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    /** Sorted, distinct breakpoints (0–365). */
    ages: smallint('ages').array().notNull(),
    /** Credit for a lookback from ages[i] up to the next breakpoint; never all zero. */
    cum: numeric('cum').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.model, t.campaignId, t.day] })],
);

/**
 * What each developer's contribution to roi_steps was computed from, as it
 * was when it was last written: their conversions without a direct campaign
 * that have a touch in the 365 days before them, and their touches (direct
 * attributions, distinct by campaign and instant) in the 365 days before one
 * of those. A refresh subtracts the contribution of these inputs and adds
 * that of the developer's activities now, so a merge or an import reads what
 * the developers own, never the whole table. One row per developer with
 * analytics consent who has any (a few arrays; the touches × conversions
 * pairs are never stored).
 */
export const roiInputs = derivedSchema.table('roi_inputs', {
  developerId: uuid('developer_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  /** Instants of the conversions, sorted; two conversions at one instant appear twice. */
  conversions: timestamp('conversions', { withTimezone: true }).array().notNull(),
  touchCampaigns: uuid('touch_campaigns').array().notNull(),
  /** Instants of the touches, in the order of touch_campaigns. */
  touchTimes: timestamp('touch_times', { withTimezone: true }).array().notNull(),
});

/**
 * What each visible developer brings to the merge-suggestion rules
 * (merges/rules.ts), one row per developer per rule key: `rule` 0 handle
 * (key: folded handle; attr: provider; detail: the handle), 1 name and
 * organization (key: name key; scope: org_id; attr: the organization's domain
 * when written; flag: an email at that domain), 2 name and company domain
 * (key: name key; scope: the domain), 3 email local part (key: the local part;
 * attr: domain; detail: the email; tokens: the name's words). Developers
 * sharing (rule, key, scope) form a group; `grp` is its md5, so that lookups
 * of a group use a short index whatever the length of a handle or name.
 */
export const mergeKeys = derivedSchema.table(
  'merge_keys',
  {
    tenantId: text('tenant_id').notNull(),
    grp: uuid('grp').notNull(),
    rule: smallint('rule').notNull(),
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    developerId: uuid('developer_id').notNull(),
    attr: text('attr').notNull(),
    detail: text('detail').notNull(),
    flag: boolean('flag').notNull().default(false),
    tokens: text('tokens').array(),
  },
  // The organization rule's rows by organization: refreshed when its domain changes.
  (t) => [
    index('idx_merge_keys_group').on(t.tenantId, t.grp),
    index('idx_merge_keys_developer').on(t.developerId),
    index('idx_merge_keys_org')
      .on(t.scope)
      .where(sql`${t.rule} = 1`),
  ],
);

/**
 * Every pair of visible developers the merge-suggestion rules pair, with the
 * rules that fire as a bitmask (1 handle, 2 name and organization, 4 name and
 * domain, 8 email local part, 16 that local part contradicted by the names)
 * and the score they give. merges:list-suggestions walks the score index to
 * its first page; evidence and summaries are built for that page only.
 */
export const mergePairs = derivedSchema.table(
  'merge_pairs',
  {
    tenantId: text('tenant_id').notNull(),
    a: uuid('a').notNull(),
    b: uuid('b').notNull(),
    rules: smallint('rules').notNull(),
    score: doublePrecision('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.a, t.b] }), index('idx_merge_pairs_score').on(t.tenantId, t.score.desc(), t.a, t.b)],
);

/**
 * One row per developer merged into another and not unmerged: what "merged
 * away" means (identity/merged-away.ts), read by every list, search, count
 * and refresh. The merge log says it too, but only through each row's
 * `evidence`, which holds a merge's moved rows for its undo (kilobytes per
 * merge, stored out of line): asking the log read and decompressed every
 * merge's evidence, a cost that grew with the log. Merge and unmerge write
 * this row in their transaction, beside their log row; a rebuild recomputes
 * it from the log.
 */
export const mergedAway = derivedSchema.table(
  'merged_away',
  {
    developerId: uuid('developer_id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    intoDeveloperId: uuid('into_developer_id').notNull(),
    // Gone with its log, which goes with either developer (the spec cascades both).
    mergeId: uuid('merge_id')
      .notNull()
      .references(() => developerMergeLogs.mergeId, { onDelete: 'cascade' }),
  },
  // An unmerge finds its row by the merge it undoes.
  (t) => [index('idx_merged_away_merge').on(t.mergeId)],
);
