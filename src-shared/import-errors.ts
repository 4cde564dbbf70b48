/**
 * Every problem an import reports, as a stable code with parameters (issue 11,
 * defect 2): the core renders the English text below (the CLI, `--json` and the
 * stored `reason` keep it), the renderer translates the code (its English
 * table is this one, so the two cannot drift; Japanese is in ja-import.ts).
 *
 * Placeholders are i18next's `{{name}}`, filled from the problem's params.
 * Codes are stored with past jobs' errors: never rename or reuse one.
 */
import { DATE_RANGE_TEXT, MAX_AMOUNT_TEXT } from './bounds';

export const importErrorText = {
  // A field's value.
  required: '{{field}} is required',
  'required-with': '{{field}} is required with {{with}}',
  'companion-required': '{{field}} is required when {{when}} is given',
  'source-required': 'source is required (in the row or for the whole import)',
  'no-actor': 'no actor: give provider + external_user_id, provider + handle, email or anon_id',
  'developer-identity': 'a developer needs an email or a handle ({{providers}})',
  datetime: 'expected a date and time such as 2024-05-01T10:00:00+09:00, 2024-05-01 10:00, 2024/05/01 10:00 or 2024年5月1日 10時00分',
  date: 'expected a date such as 2024-05-01, 2024/5/1 or 2024年5月1日',
  'month-range': 'month {{month}} does not exist',
  'day-range': 'day {{day}} does not exist in {{month}}',
  'year-range': `the date {{day}} is outside the range the app keeps (${DATE_RANGE_TEXT})`,
  'time-range': 'time of day out of range',
  'utc-offset': 'invalid UTC offset',
  'unknown-zone': 'unknown time zone "{{zone}}" (use an IANA name such as Asia/Tokyo)',
  'amount-empty': 'empty amount',
  'amount-currencies': 'the amount names two different currencies',
  amount: 'not an amount (expected e.g. 1234, 1,234.5, ¥1,234 or 1,234円)',
  'amount-decimals': 'an amount more than {{places}} decimal places',
  'amount-too-large': `an amount larger than ${MAX_AMOUNT_TEXT} (either sign)`,
  boolean: 'expected yes/no (true/false, 1/0, はい/いいえ, 同意/拒否)',
  email: 'not an email address (one @ with text on both sides)',
  'email-spaces': 'an email address cannot contain spaces',
  'handle-spaces': 'a {{provider}} user name cannot contain spaces',
  'handle-empty': 'empty user name',
  url: 'not a URL (write it with https://)',
  'github-id': 'a GitHub user id is a number',
  'end-before-start': 'end_date is before start_date',
  negative: '{{field}} cannot be negative',
  'one-of': '{{field}} must be one of {{allowed}}',
  currency: 'currency must be a three-letter ISO 4217 code such as JPY or USD',
  'currency-contradicts': "currency {{currency}} contradicts the amount's {{amountCurrency}}",
  'connpass-time-required': '更新日時 (updated at) is required when no event date is given',
  // The file's text and structure.
  'nul-byte': 'a NUL byte (0x00), which text cannot hold: is this a binary file, or damaged?',
  'bad-bytes': 'bytes that are not valid in the chosen encoding (is the file CP932 / Shift_JIS or UTF-8?)',
  'column-count': 'expected {{expected}} columns, found {{found}}',
  'opening-quote': 'a quote (") inside a field that does not start with one; the rest of the file cannot be read',
  'closing-quote': 'text right after a closing quote ("); the rest of the file cannot be read',
  'quote-not-closed': 'a quoted field is never closed; the rest of the file cannot be read',
  'record-too-long': 'a record longer than {{max}} characters (probably an unclosed quote); the rest of the file cannot be read',
  'csv-structure': '{{detail}}; the rest of the file cannot be read',
  'row-unreadable': 'row could not be read',
  // The import as a whole (its mapping and options), before the first row.
  'not-a-type': '{{type}} is not an import type',
  'not-a-field': '"{{field}}" is not a field of {{type}} imports',
  'no-such-column': 'the file has no column "{{header}}" (mapped to {{field}})',
  'required-column': 'no column for the required field {{field}}',
  'source-missing': 'no column for source and no source given for the import',
  'connpass-event': 'connpass: give the event id or title (or keep the file name event_<id>_participants.csv)',
  'connpass-no-time': 'no 更新日時 column and no event date given for the import',
  'option-invalid': '{{option}} "{{value}}": {{problem}}',
  'header-bad-bytes': 'the header row (line {{line}}) holds a NUL byte or bytes that are not valid in the chosen encoding',
  'no-header': 'the file is empty: no header row',
} as const;

export type ImportErrorCode = keyof typeof importErrorText;
export type ImportErrorParams = Readonly<Record<string, string | number>>;

/** A problem as data: what the renderer translates. */
export interface ImportProblem {
  code: ImportErrorCode;
  params: ImportErrorParams;
}

export const importErrorCodes = Object.keys(importErrorText) as ImportErrorCode[];

export const isImportErrorCode = (code: unknown): code is ImportErrorCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(importErrorText, code);

/** Fills `{{name}}` from params; a missing one stays visible rather than becoming "undefined". */
export function fillTemplate(template: string, params: ImportErrorParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The English text of a problem: the CLI's, `--json`'s and the stored `reason`. */
export function describeImportProblem({ code, params }: ImportProblem): string {
  return fillTemplate(importErrorText[code], params);
}

/** A problem with its English text, as the core hands it on. */
export const importProblem = (code: ImportErrorCode, params: ImportErrorParams = {}): ImportProblem & { reason: string } => ({
  code,
  params,
  reason: describeImportProblem({ code, params }),
});

/** Params of an inner problem carried inside `option-invalid`, under this prefix. */
const INNER = 'problem_';

/**
 * An import option whose value cannot be read (an event date, a join date):
 * `option-invalid` with the option's English label for the CLI, its name
 * for the renderer's label, and the inner problem's code and params, so that
 * the UI translates the whole sentence rather than only its frame.
 */
export function optionProblem(optionName: string, label: string, value: string, inner: ImportProblem & { reason: string }): ImportProblem {
  const params: Record<string, string | number> = { option: label, optionName, value, problem: inner.reason, problemCode: inner.code };
  for (const [key, v] of Object.entries(inner.params)) params[`${INNER}${key}`] = v;
  return { code: 'option-invalid', params };
}

/** The inner problem of an `option-invalid`, when it carries one this build knows. */
export function innerProblem(params: ImportErrorParams | undefined): ImportProblem | undefined {
  const code = params?.problemCode;
  if (!params || !isImportErrorCode(code)) return undefined;
  const inner: Record<string, string | number> = {};
  for (const [key, v] of Object.entries(params)) if (key.startsWith(INNER)) inner[key.slice(INNER.length)] = v;
  return { code, params: inner };
}
