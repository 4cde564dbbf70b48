/**
 * The shapes that flow through a CSV import: what the parse worker produces
 * from each row (validated, normalised records or errors), and what the
 * loader consumes. Pure data: these cross a worker_threads boundary.
 */

import type { BudgetCategory } from '../../../src-shared/budget-categories';
import type { EncodingReason, ImportType } from '../../../src-shared/contract/imports';
import type { ImportErrorCode, ImportErrorParams } from '../../../src-shared/import-errors';

export type { ImportType } from '../../../src-shared/contract/imports';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'cp932' | 'utf-16le' | 'utf-16be';

/** field name of the import type → the file's header that feeds it (absent: unmapped). */
export type ColumnMapping = Record<string, string>;

export interface ImportOptions {
  /** `source` for every activity row that has none (activities); default per preset. */
  source?: string;
  /** IANA zone for timestamps without a zone; default: the machine's. */
  timezone?: string;
  /** Campaign name every row belongs to directly (activities, connpass, stars, slack). */
  campaign?: string;
  /** connpass: the event's title, id and date when the file name does not carry them. */
  eventTitle?: string;
  eventId?: string;
  eventDate?: string;
  /** connpass: replace a known event's stored title with eventTitle. */
  updateEventTitle?: boolean;
  /** slack-members: when the members joined (ISO); default: the import's start. */
  occurredAt?: string;
  /** File name as the user dropped it (connpass event id is read from it). */
  fileName?: string;
}

export interface RowError {
  /** 1-based physical line of the file where the record starts (header = line 1). */
  line: number;
  /** Header name of the offending column, or '' for a whole-row problem. */
  column: string;
  /** What is wrong, from the catalogue (src-shared/import-errors.ts): the renderer translates it. */
  code: ImportErrorCode;
  params: ImportErrorParams;
  /** The English text of code and params (the CLI shows it; jobs stored before codes have only this). */
  reason: string;
  /** The raw (decoded) value, or the whole raw row for a whole-row problem. */
  value: string;
}

export interface Actor {
  provider?: string;
  externalUserId?: string;
  handle?: string;
  /** Normalised: trimmed, NFKC, lower-cased. */
  email?: string;
  displayName?: string;
  organization?: string;
  anonId?: string;
  /** Facts about the account itself (connpass: member_since), merged into accounts.attributes. */
  attributes?: Record<string, string>;
}

export interface ResourceRef {
  category: string;
  title?: string;
  url?: string;
  externalId?: string;
  group?: string;
}

export interface ActivityRecord {
  kind: 'activity';
  line: number;
  /** UTC epoch milliseconds. */
  occurredAt: number;
  action: string;
  source: string;
  sourceRef?: string;
  actor: Actor;
  resource?: ResourceRef;
  /** Campaign named by the row (or the import's option). */
  campaign?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  /** Unknown columns (header → value) and preset extras; never empty strings. */
  metadata: Record<string, string>;
}

export interface DeveloperRecord {
  kind: 'developer';
  line: number;
  displayName?: string;
  email?: string;
  organization?: string;
  tags: string[];
  /** Handles on services: github, x, slack, discord, connpass. */
  handles: { provider: string; handle: string }[];
  consentAnalytics?: boolean;
}

export interface CampaignRecord {
  kind: 'campaign';
  line: number;
  name: string;
  channel?: string;
  /** YYYY-MM-DD */
  startDate?: string;
  endDate?: string;
  /** Exact decimal as text, e.g. "1234.5". */
  budgetTotal?: string;
  utmCampaign?: string;
}

export interface BudgetRecord {
  kind: 'budget';
  line: number;
  campaign: string;
  category: BudgetCategory;
  /** Exact decimal as text. */
  amount: string;
  /** ISO 4217, upper-case; default JPY. */
  currency: string;
  /** YYYY-MM-DD */
  spentAt: string;
  memo?: string;
  source?: string;
}

/** A click on a short link, from a click log (formats/click-log.ts); the key is matched to a link when it loads. */
export interface ClickRecord {
  kind: 'click';
  /** The line in the file the user gave (an access log's own line number). */
  line: number;
  key: string;
  /** UTC epoch milliseconds. */
  occurredAt: number;
  clickId?: string;
  referrer?: string;
  userAgent?: string;
  /** What tells identical lines of an access log apart (click-log-file.ts). */
  ref?: string;
}

export type ImportRecord = ActivityRecord | DeveloperRecord | CampaignRecord | BudgetRecord | ClickRecord;

/** What one data row became. */
export type RowOutcome =
  { status: 'ok'; record: ImportRecord } | { status: 'error'; errors: RowError[] } | { status: 'skipped'; line: number; reason: string };

export interface SniffResult {
  encoding: TextEncodingName;
  /** Why that encoding (encoding.ts). */
  encodingReason: EncodingReason;
  /** The first line of the sample with bytes the encoding cannot decode, or null. */
  firstBadLine: number | null;
  delimiter: ',' | '\t' | ';';
  headers: string[];
  /** Up to 20 decoded data rows, as strings. */
  rows: string[][];
  /** Recognised from the headers (and file name), or undefined. */
  type?: ImportType;
  /** Suggested mapping for `type` (or for 'activities' when unrecognised). */
  mapping: ColumnMapping;
  /** Set when the sample has a stray or unclosed quote (the preview then shows what could be read). */
  structuralProblem?: string;
}

/**
 * One staged activity's actor, as the parse worker sends it: line, actor key,
 * instant (epoch ms), provider and external id (both or neither), handle,
 * email, display name, organization, account attributes (JSON).
 */
export type ActorRow = [
  number,
  string,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];

/** Messages from the parse worker to the importer. */
export type WorkerMessage =
  | {
      type: 'batch';
      /** Every outcome, or only errors and skips when the worker stages (see WorkerInput.stageTenant). */
      outcomes: RowOutcome[];
      /** COPY text of the batch's valid rows as UTF-8, when the worker stages them; its buffer is transferred (parse/batch-bytes.ts). */
      copyBytes?: Uint8Array;
      /** Who the batch's staged activities name (anonymous rows left out), for identity resolution. */
      actors?: ActorRow[];
      rowsRead: number;
      bytesRead: number;
    }
  | { type: 'done'; rowsRead: number; bytesRead: number }
  /** content: the file does not fit the import (header, mapping); file: it could not be read; internal: a bug of ours. */
  | { type: 'fatal'; message: string; kind: 'content' | 'file' | 'internal' };

/** What the importer sends the parse worker when it starts. */
export interface WorkerInput {
  filePath: string;
  encoding: TextEncodingName;
  delimiter: SniffResult['delimiter'];
  type: ImportType;
  mapping: ColumnMapping;
  options: ImportOptions;
  /** Rows per batch message. */
  batchSize: number;
  /**
   * When set, valid rows come back as COPY text for the staging table of this
   * tenant instead of as records: serialising (keys, ids, escaping) happens
   * off the main thread, and a string crosses the thread boundary cheaply.
   */
  stageTenant?: string;
  /** The module that registers `type` when it is no built-in format (formats/index.ts): the worker imports it. */
  formatModule?: string;
  /**
   * Parse only this byte range of the file: a record boundary found by
   * split.ts, with the range's first line number and, past the first part, the file's header.
   */
  range?: { start: number; end: number; firstLine: number; headers?: string[] };
}

/** What the handlers ask the importer to run (after sniffing and checking the request). */
export interface StartImport {
  filePath: string;
  fileName: string;
  totalBytes: number;
  encoding: TextEncodingName;
  delimiter: WorkerInput['delimiter'];
  /** The file's header row, as sniffing read it. */
  headers: string[];
  type: ImportType;
  mapping: ColumnMapping;
  options: ImportOptions;
  dryRun: boolean;
  /** Size and modification time when the import was asked for: a file that changes while it is read fails the job. */
  fileStat?: FileStat;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
}
