/** Pieces several formats share: common fields, the activity loader's tables, text folds. */
import type { TableName } from '../../../../src-shared/contract/tables';
import type { RowReader } from '../parse/row-reader';
import { field } from './format';

export const displayName = field('display_name', ['name', 'full_name', 'fullname', '氏名', '表示名', '名前', 'お名前', 'ニックネーム']);
export const email = field('email', [
  'e-mail',
  'mail',
  'email_address',
  'mail_address',
  'メール',
  'メールアドレス',
  'eメール',
  'eメールアドレス',
]);
export const organization = field('organization', [
  'organisation',
  'org',
  'company',
  '所属',
  '会社',
  '会社名',
  '組織',
  '所属組織',
  '勤務先',
]);
/** The activities template's time and action: other formats' recognition asks whether a file has them. */
export const occurredAt = field('occurred_at', ['timestamp', 'datetime', 'date', 'time', '日時', '発生日時', '日付'], true);
export const action = field('action', ['activity', 'event_type', 'アクション', '行動'], true);

/** What load/activity-resolve.ts may write: every activity format names these. */
export const ACTIVITY_TABLES: readonly TableName[] = [
  'activities',
  'accounts',
  'developers',
  'developer_identifiers',
  'organizations',
  'resources',
  'campaigns',
  'developer_stats',
];

/** Lower-cased, NFKC, trimmed: for codes people type (actions, sources, categories). */
export const code = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** The import's source option, else the format's own name for its service. */
export function sourceFor(r: RowReader, preset: string): string {
  const chosen = r.ctx.options.source?.trim();
  return chosen ? chosen.normalize('NFKC').toLowerCase() : preset;
}

/** The campaign every row of the import belongs to, when the options name one. */
export const campaignOption = (r: RowReader) => r.ctx.options.campaign?.trim() || undefined;
