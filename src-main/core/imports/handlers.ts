import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { IANAZone } from 'luxon';
import type { ImportType } from '../../../src-shared/contract/imports';
import { toCsv } from '../../../src-shared/csv';
import { CoreError } from '../errors';
import { readSettings } from '../settings/read';
import type { ChosenFile, FileRegistry } from '../files/handles';
import type { DomainHandlers } from '../handlers';
import { checkEvent } from './event-title';
import { describeFormats, requireFormat } from './formats/describe';
import { suggestMapping } from './parse/headers';
import { ensureFreeSpace } from '../files/free-space';
import type { FileStat, Importer } from './importer';
import { listJobs, readJob } from './jobs';
import { sniffFile } from './parse/sniff';
import { checkSample } from './check-sample';
import { clickLogAsCsv } from './click-log-file';
import type { ImportOptions, StartImport } from './types';
import type { Db } from '../db/db';
import { NOBODY, type ActorOf } from '../audit/actor';

interface SampleEntry {
  file: string;
  type: ImportType;
  options?: ImportOptions;
}

/** The sample's own files: the core's folder, never a path from a caller. */
async function sampleFile(path: string): Promise<ChosenFile> {
  const info = await stat(path);
  if (!info.isFile()) throw new CoreError('INTERNAL', `The bundled sample ${basename(path)} is missing`);
  return { path, name: basename(path), size: info.size };
}

/** Size and modification time now, so that a file changed while it is read fails the job. */
async function fileStat(file: ChosenFile): Promise<FileStat> {
  try {
    const info = await stat(file.path);
    if (!info.isFile()) throw new CoreError('BAD_INPUT', `${file.name} is not a file`);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError('BAD_INPUT', `Cannot read ${file.name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function checkOptions(options: ImportOptions): void {
  if (options.timezone && !IANAZone.isValidZone(options.timezone)) {
    throw new CoreError('BAD_INPUT', `Unknown time zone "${options.timezone}"; use an IANA name such as Asia/Tokyo or UTC`, {
      field: 'timezone',
    });
  }
}

/**
 * Disk an import needs, per byte of its file: the rows are written about three
 * times over inside the transaction — staged in a temp table (about the text's
 * size), in PostgreSQL's write-ahead log, and in the tables and their indexes
 * (the activities indexes are about as large as the rows) — plus headroom for
 * WAL segments that a checkpoint has not recycled yet.
 */
export const IMPORT_SPACE_FACTOR = 3;
const IMPORT_SPACE_HEADROOM = 16 * 1024 ** 2;

export interface ImportSpace {
  /** The embedded database's data folder; null for an external database, whose disk we cannot see. */
  folder: string | null;
  /** Free bytes there (tests give a number; default: the file system's). */
  freeBytes?: (folder: string) => Promise<number>;
}

async function checkSpace(space: ImportSpace, size: number): Promise<void> {
  // An external server's disk is not ours to measure: its own limits apply (and a full disk fails the job cleanly).
  if (space.folder === null) return;
  const available = space.freeBytes ? await space.freeBytes(space.folder) : undefined;
  await ensureFreeSpace(space.folder, size * IMPORT_SPACE_FACTOR + IMPORT_SPACE_HEADROOM, 'the import', available);
}

/** `actorOf`: who a started job is recorded as created by (`import_jobs.created_by`). */
export function importHandlers(
  db: Db,
  importer: Importer,
  tenant: string,
  sampleDir: string,
  files: Pick<FileRegistry, 'resolve'>,
  space: ImportSpace = { folder: null },
  actorOf: ActorOf = NOBODY,
): DomainHandlers {
  /** The file behind a handle; an access log is read as the click-log CSV it converts to (click-log-file.ts). */
  const chosen = async (handle: string, session: string): Promise<ChosenFile> => clickLogAsCsv(await files.resolve(handle, session));

  /** The options an import runs with: timestamps without a zone in the tenant's zone setting when there is one, else the machine's. */
  async function runOptions(given: ImportOptions | undefined, fileName: string): Promise<ImportOptions> {
    const zoneSetting = given?.timezone ? null : (await readSettings(db, tenant)).timeZoneSetting;
    const options = { ...given, ...(zoneSetting ? { timezone: zoneSetting } : {}), fileName };
    checkOptions(options);
    return options;
  }

  async function startImport(request: {
    file: ChosenFile;
    type: ImportType;
    mapping?: Record<string, string>;
    options?: ImportOptions;
    dryRun?: boolean;
    by: string | null;
  }): Promise<string> {
    const format = requireFormat(request.type);
    const { path, name: fileName } = request.file;
    const before = await fileStat(request.file);
    const totalBytes = before.size;
    const sniff = await sniffFile(path, fileName);
    const mapping = request.mapping ?? suggestMapping(request.type, sniff.headers);
    const missing = format.fields.filter((f) => f.required && !mapping[f.name]).map((f) => f.name);
    if (missing.length > 0) {
      throw new CoreError('BAD_INPUT', `Map a column to: ${missing.join(', ')} (required for ${request.type})`, { missing });
    }
    const unknown = Object.values(mapping).filter((header) => !sniff.headers.includes(header));
    if (unknown.length > 0) throw new CoreError('BAD_INPUT', `The file has no column named ${unknown.join(', ')}`, { unknown });
    const options = await runOptions(request.options, fileName);
    await checkSpace(space, totalBytes);
    const job: StartImport = {
      filePath: path,
      fileName,
      totalBytes,
      encoding: sniff.encoding,
      delimiter: sniff.delimiter,
      headers: sniff.headers,
      type: request.type,
      mapping,
      options,
      dryRun: request.dryRun ?? false,
      fileStat: before,
    };
    return importer.start(job, request.by);
  }

  return {
    'import:list-formats': async () => describeFormats(),

    'import:preview': async ({ fileHandle }, caller) => {
      const { path, name, size } = await chosen(fileHandle, caller.session);
      const sniff = await sniffFile(path, name);
      return {
        fileName: name,
        size,
        encoding: sniff.encoding,
        encodingReason: sniff.encodingReason,
        firstBadLine: sniff.firstBadLine,
        delimiter: sniff.delimiter,
        type: sniff.type ?? null,
        headers: sniff.headers,
        rows: sniff.rows,
        mapping: sniff.mapping,
      };
    },

    'import:start': async ({ fileHandle, ...rest }, caller) => ({
      jobId: await startImport({ file: await chosen(fileHandle, caller.session), ...rest, by: await actorOf(caller) }),
    }),

    'import:check-sample': async ({ fileHandle, type, mapping, options }, caller) => {
      requireFormat(type);
      const { path, name } = await chosen(fileHandle, caller.session);
      const sniff = await sniffFile(path, name);
      return checkSample({
        filePath: path,
        encoding: sniff.encoding,
        delimiter: sniff.delimiter,
        type,
        mapping: mapping ?? suggestMapping(type, sniff.headers),
        options: await runOptions(options, name),
      });
    },
    'import:check-event': async ({ fileHandle, ...input }, caller) =>
      checkEvent(db, tenant, await chosen(fileHandle, caller.session), input),

    'import:cancel': async ({ jobId }) => ({ cancelled: importer.cancel(jobId) }),

    'import:list-jobs': () => listJobs(db, tenant),

    'import:get-job': ({ jobId }) => readJob(db, tenant, jobId),

    'import:get-template': async ({ type }) => {
      const format = requireFormat(type);
      if (!format.template) throw new CoreError('BAD_INPUT', `${type} is another service's export; it has no template`);
      // The header and one example row that imports as it is (a comment line would not), written as every
      // CSV of the app is (BOM: Excel, notably in Japan, opens it as UTF-8).
      const example = format.example ?? {};
      return {
        fileName: `drm-${type}-template.csv`,
        content: toCsv(
          format.fields.map((f) => f.name),
          Object.keys(example).length > 0 ? [format.fields.map((f) => example[f.name] ?? '')] : [],
        ),
      };
    },

    'import:load-sample': async (_input, caller) => {
      const by = await actorOf(caller);
      const manifest = JSON.parse(await readFile(join(sampleDir, 'manifest.json'), 'utf8')) as SampleEntry[];
      const jobIds: string[] = [];
      for (const entry of manifest) {
        const file = await sampleFile(join(sampleDir, entry.file));
        jobIds.push(await startImport({ file, type: entry.type, options: entry.options, by }));
      }
      return { jobIds };
    },
  };
}
