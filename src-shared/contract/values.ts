/**
 * The contract's enumerations as plain values, without zod. The renderer
 * imports values only from here and from tables.ts, and nothing but types
 * from the rooms (eslint.config.js holds it to that): one value import of a
 * room would put zod and every schema of the contract into the first page's
 * script — about 450 kB the page parses before it can ask for its data.
 * The rooms build their schemas from these same lists.
 */

/** A file the shell registered: `fh_` and 32 random base64url characters (contract/files.ts). */
export const FILE_HANDLE_PATTERN = /^fh_[A-Za-z0-9_-]{32}$/;

export const trendBuckets = ['day', 'week', 'month'] as const;
export type TrendBucket = (typeof trendBuckets)[number];

export const developerSorts = ['lastActivity', 'activityCount', 'name'] as const;
export type DeveloperSort = (typeof developerSorts)[number];

export const mergeRules = ['same_handle', 'same_name_org', 'same_name_domain', 'same_email_local'] as const;

export const funnelListModes = ['atOrBeyond', 'reached', 'dropOff'] as const;
export type FunnelListMode = (typeof funnelListModes)[number];

export const attributionModels = ['linear', 'first', 'last'] as const;
export type AttributionModelName = (typeof attributionModels)[number];

/** QR codes of short links: error-correction levels, file formats, and PNG widths for slides (512), documents (1024) and print (2048). */
export const qrLevels = ['L', 'M', 'Q', 'H'] as const;
export type QrLevel = (typeof qrLevels)[number];
export const qrFormats = ['png', 'svg'] as const;
export const qrSizes = [512, 1024, 2048] as const;

/** Where a short-link domain is hosted: the redirect-rule files the app exports. */
export const redirectFormats = ['netlify', 'nginx', 'apache', 'csv'] as const;
export type RedirectFormatName = (typeof redirectFormats)[number];

/** Resource categories the spec names (resources.category); imports may write others, which are kept. */
export const resourceCategories = ['event', 'blog', 'video', 'ad', 'repo', 'link', 'form', 'webinar'] as const;
export const resourceSorts = ['lastActivity', 'title', 'created'] as const;
export type ResourceSort = (typeof resourceSorts)[number];
/** How a resource's activities are grouped over time on its page. */
export const resourceBuckets = ['day', 'week'] as const;
export type ResourceBucket = (typeof resourceBuckets)[number];

/**
 * What the funnel and ROI can be broken down by (issue 13 §4): a campaign's channel, an
 * activity's utm_source / utm_medium (activities.metadata), a resource's category.
 */
export const breakdownDimensions = ['channel', 'utm_source', 'utm_medium', 'category'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** API key scopes (contract/api-keys.ts): `ingest` posts activities, `read` reads developers and reports, `admin` everything. */
export const apiKeyScopes = ['ingest', 'read', 'admin'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];
/** Where a notification goes (issue 14 §4): a Slack incoming webhook, a signed generic webhook, email. */
export const notificationChannelKinds = ['slack', 'webhook', 'email'] as const;
export type NotificationChannelKind = (typeof notificationChannelKinds)[number];
/** What a notification channel can subscribe to ("Send test" sends `test`, which nobody subscribes to). */
export const notificationEvents = ['import.finished', 'import.failed', 'merge.suggested', 'digest.weekly', 'backup.failed'] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
/** The merge-suggestion threshold a channel starts with: pairs scoring at least this are announced. */
export const DEFAULT_MERGE_THRESHOLD = 0.8;
/** `tls`: TLS from the start (465); `starttls`: upgrade required (587); `none`: plain (a local relay only). */
export const smtpSecurities = ['tls', 'starttls', 'none'] as const;
