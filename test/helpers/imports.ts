import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import pg from 'pg';
import type { ImportJob, ImportOptionsInput, ImportType } from '../../src-shared/contract/imports';
import type { Core } from '../../src-main/core/types';

/** Registers a file as a shell does for one the user chose (the local session, like the CLI's): its handle. */
export async function fileHandle(core: Pick<Core, 'files'>, filePath: string): Promise<string> {
  return (await core.files.register(filePath)).fileHandle;
}

/** The preview of a file through the handler, as the app asks for it (the ApiResult, refusals included). */
export async function previewFile(core: Core, filePath: string) {
  return core.handlers['import:preview']({ fileHandle: await fileHandle(core, filePath) });
}

/** Starts an import through the handler and returns its ApiResult (a refusal is an error result). */
export async function startFileImport(
  core: Core,
  filePath: string,
  request: { type: ImportType; options?: ImportOptionsInput; mapping?: Record<string, string>; dryRun?: boolean },
) {
  return core.handlers['import:start']({ fileHandle: await fileHandle(core, filePath), ...request });
}

/** Runs one import through the handlers, as the app does, and returns the finished job. */
export async function importFile(
  core: Core,
  filePath: string,
  request: { type?: ImportType; options?: ImportOptionsInput; mapping?: Record<string, string>; dryRun?: boolean } = {},
): Promise<ImportJob> {
  let type = request.type;
  const handle = await fileHandle(core, filePath);
  if (!type) {
    const preview = await core.handlers['import:preview']({ fileHandle: handle });
    if (!preview.ok) throw new Error(preview.error.message);
    if (!preview.value.type) throw new Error(`unrecognised file ${filePath}`);
    type = preview.value.type;
  }
  const started = await core.handlers['import:start']({
    fileHandle: handle,
    type,
    options: request.options,
    mapping: request.mapping,
    dryRun: request.dryRun,
  });
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  await core.importer.settled(started.value.jobId);
  const job = await core.handlers['import:get-job']({ jobId: started.value.jobId });
  if (!job.ok) throw new Error(job.error.message);
  return job.value;
}

/** Writes `text` to `dir/name` in the given encoding (CRLF left as written). */
export function writeCsv(dir: string, name: string, text: string, encoding: 'utf8' | 'utf8-bom' | 'cp932' | 'utf16le' = 'utf8'): string {
  const path = join(dir, name);
  const bytes =
    encoding === 'utf8'
      ? Buffer.from(text, 'utf8')
      : encoding === 'utf8-bom'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
        : encoding === 'utf16le'
          ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
          : iconv.encode(text, 'cp932');
  writeFileSync(path, bytes);
  return path;
}

const DATA_TABLES = [
  'activities',
  'activity_campaigns',
  'accounts',
  'developers',
  'developer_identifiers',
  'organizations',
  'resources',
  'campaigns',
  'budgets',
  'developer_stats',
  'campaign_stats',
];

/** Row counts of every table an import may write: equal before and after means nothing was written. */
export async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of DATA_TABLES) {
      counts[table] = Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

export async function queryRows<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
