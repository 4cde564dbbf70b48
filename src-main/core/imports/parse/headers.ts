/**
 * Column names: which header feeds which field of each import type.
 *
 * Issue 3: headers match case-insensitively, ignoring spaces, `_` and `-`, and
 * Japanese aliases are accepted. Everything here compares through
 * `normaliseHeader`, so `Occurred At`, `occurred-at` and `ＯＣＣＵＲＲＥＤ＿ＡＴ`
 * are one name, for suggestions, preset recognition and mapping look-ups alike.
 */
import { handleProviders } from '../../../../src-shared/providers';
import type { ColumnMapping, ImportType } from '../types';

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export interface FieldSpec {
  /** The field's name in a ColumnMapping (snake_case, as issue 3 writes it). */
  name: string;
  /** Header spellings that feed it, in order of preference; the name itself comes first. */
  aliases: readonly string[];
  /** A file without a column for it cannot be imported. */
  required?: boolean;
}

const f = (name: string, aliases: string[] = [], required = false): FieldSpec => ({ name, aliases: [name, ...aliases], required });

const displayName = f('display_name', ['name', 'full_name', 'fullname', '氏名', '表示名', '名前', 'お名前', 'ニックネーム']);
const email = f('email', ['e-mail', 'mail', 'email_address', 'mail_address', 'メール', 'メールアドレス', 'eメール', 'eメールアドレス']);
const organization = f('organization', ['organisation', 'org', 'company', '所属', '会社', '会社名', '組織', '所属組織', '勤務先']);
const utm = [f('utm_source'), f('utm_medium'), f('utm_campaign')];

/** Fields of every import type, in the order a mapping editor shows them. */
export const importFields: Record<ImportType, readonly FieldSpec[]> = {
  activities: [
    f('occurred_at', ['timestamp', 'datetime', 'date', 'time', '日時', '発生日時', '日付'], true),
    f('action', ['activity', 'event_type', 'アクション', '行動'], true),
    f('source', ['ソース', '取得元', 'データソース']),
    f('provider', ['service', 'サービス', 'プロバイダー', 'プロバイダ']),
    f('external_user_id', ['user_id', 'userid', '外部ユーザーid', 'ユーザーid']),
    f('handle', ['username', 'user_name', 'login', 'screen_name', 'ハンドル', 'ハンドル名', 'ユーザー名']),
    email,
    displayName,
    organization,
    f('anon_id', ['anonymous_id', 'click_id', '匿名id']),
    f('resource_category', ['category', 'カテゴリ', 'カテゴリー', 'リソース種別']),
    f('resource_title', ['title', 'タイトル', 'リソース名']),
    f('resource_url', ['url', 'link', 'リンク', 'リソースurl']),
    f('resource_external_id', ['resource_id', 'リソースid']),
    f('resource_group', ['group', 'group_key', 'グループ']),
    f('campaign', ['campaign_name', 'キャンペーン', 'キャンペーン名', '施策']),
    f('source_ref', ['ref', 'reference', '参照']),
    ...utm,
  ],
  developers: [
    displayName,
    email,
    organization,
    f('tags', ['tag', 'タグ']),
    f('github', ['github_handle', 'github_username', 'github_login', 'githubアカウント', 'githubユーザー名']),
    f('x', ['twitter', 'x_handle', 'twitter_handle', 'xアカウント', 'twitterアカウント']),
    f('slack', ['slack_handle', 'slack_username', 'slackアカウント']),
    f('discord', ['discord_handle', 'discord_username', 'discordアカウント']),
    f('connpass', ['connpass_handle', 'connpass_username', 'connpassアカウント', 'connpassユーザー名']),
    f('consent_analytics', ['consent', 'analytics_consent', '同意', '分析同意', '計測同意']),
  ],
  campaigns: [
    f('name', ['campaign', 'campaign_name', 'キャンペーン', 'キャンペーン名', '施策名'], true),
    f('channel', ['チャネル', 'チャンネル']),
    f('start_date', ['start', 'starts_at', '開始日']),
    f('end_date', ['end', 'ends_at', '終了日']),
    f('budget_total', ['budget', '予算', '総予算']),
    f('utm_campaign'),
  ],
  budgets: [
    f('campaign', ['campaign_name', 'キャンペーン', 'キャンペーン名', '施策'], true),
    f('category', ['カテゴリ', 'カテゴリー', '費目', '区分']),
    f('amount', ['cost', '金額', '費用', '額'], true),
    f('currency', ['通貨']),
    f('spent_at', ['spent_on', 'date', '支出日', '日付'], true),
    f('memo', ['note', 'notes', 'description', 'メモ', '備考', '摘要']),
    f('source', ['ソース']),
  ],
  // connpass exports name their columns in Japanese; survey questions follow them.
  connpass: [
    f('ticket_name', ['参加枠名', '参加枠']),
    f('username', ['ユーザー名'], true),
    f('display_name', ['表示名']),
    f('participation_status', ['参加ステータス'], true),
    f('attendance_status', ['出欠ステータス']),
    f('updated_at', ['更新日時']),
    f('receipt_number', ['受付番号']),
  ],
  'github-stars': [
    f('login', ['username', 'user', 'user_login'], true),
    f('id', ['user_id', 'userid']),
    f('starred_at', ['starredat', 'date'], true),
    f('repo', ['repository', 'repo_name']),
  ],
  'slack-members': [
    f('username', ['user_name']),
    email,
    f('userid', ['user_id', 'id'], true),
    f('fullname', ['full_name', 'real_name']),
    f('displayname', ['display_name']),
  ],
};

/** field → normalised aliases, computed once. */
const aliasTable = new Map<ImportType, Map<string, readonly string[]>>(
  Object.entries(importFields).map(([type, fields]) => [
    type as ImportType,
    new Map(fields.map((spec) => [spec.name, spec.aliases.map(normaliseHeader)])),
  ]),
);

export function fieldSpec(type: ImportType, field: string): FieldSpec | undefined {
  return importFields[type].find((spec) => spec.name === field);
}

/**
 * Header names as the import uses them: trimmed, an empty one named after its
 * position, a repeated one suffixed " (2)", " (3)"… so that every column has a
 * distinct name for the mapping and for `metadata`. The sniffer and the parse
 * worker both go through this, so their names agree.
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((header, index) => {
    const base = header.trim() || `column ${index + 1}`;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base} (${n})`;
    seen.add(name);
    return name;
  });
}

/**
 * Guess field → header for `type`. A header spelled like the field's own name
 * wins over an alias (so `display_name` beats `name`), and no header feeds two
 * fields. Unclaimed headers stay unmapped (activities keep them as metadata).
 */
export function suggestMapping(type: ImportType, headers: readonly string[]): ColumnMapping {
  const table = aliasTable.get(type) ?? new Map<string, readonly string[]>();
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  const claim = (field: string, accepts: (alias: string, position: number) => boolean) => {
    if (mapping[field] !== undefined) return;
    const aliases = table.get(field) ?? [];
    for (const [position, alias] of aliases.entries()) {
      const index = normalised.findIndex((h, i) => !taken.has(i) && h === alias && accepts(alias, position));
      const header = headers[index];
      if (header !== undefined) {
        taken.add(index);
        mapping[field] = header;
        return;
      }
    }
  };
  for (const field of table.keys()) claim(field, (_alias, position) => position === 0);
  for (const field of table.keys()) claim(field, () => true);
  return mapping;
}

function hasField(type: ImportType, normalised: ReadonlySet<string>, field: string): boolean {
  return (aliasTable.get(type)?.get(field) ?? []).some((alias) => normalised.has(alias));
}

/** connpass names its exports event_<id>_participants.csv. */
export function connpassEventIdFromFileName(fileName: string | undefined): string | undefined {
  const base = fileName?.split(/[\\/]/).pop() ?? '';
  return /^event_(\d+)_participants(?:\s*\(\d+\))?\.(?:csv|tsv|txt)$/i.exec(base)?.[1];
}

/**
 * The import type a header row (and file name) looks like, or undefined.
 * Checked from the most specific export to the most generic template.
 */
export function recognisePreset(headers: readonly string[], fileName?: string): ImportType | undefined {
  const n = new Set(headers.map(normaliseHeader));
  const has = (type: ImportType, ...fields: string[]) => fields.every((field) => hasField(type, n, field));
  const hasAny = (type: ImportType, ...fields: string[]) => fields.some((field) => hasField(type, n, field));

  if (has('connpass', 'ticket_name', 'username', 'participation_status')) return 'connpass';
  if (connpassEventIdFromFileName(fileName) !== undefined && has('connpass', 'username')) return 'connpass';
  if (has('github-stars', 'login', 'starred_at')) return 'github-stars';
  if (has('slack-members', 'username', 'userid')) return 'slack-members';
  if (has('budgets', 'campaign', 'amount', 'spent_at')) return 'budgets';
  const timed = hasField('activities', n, 'occurred_at');
  if (timed && has('activities', 'action')) return 'activities';
  if (!timed && has('campaigns', 'name') && hasAny('campaigns', 'channel', 'start_date', 'budget_total', 'utm_campaign'))
    return 'campaigns';
  const acts = hasField('activities', n, 'action');
  if (!timed && !acts && (hasAny('developers', ...handleProviders) || has('developers', 'display_name', 'email'))) {
    return 'developers';
  }
  return undefined;
}
