/**
 * `drm import FILE`: the same import as the app's Import page, with a
 * progress bar on stderr when it is a terminal. Exit 0 when the job
 * succeeded; 2 when the import was refused before it started (bad file,
 * mapping or options, no space, data folder in use) or when the job was
 * rejected, cancelled, or failed to read the file or for a full disk; 1 when
 * the database stopped or for a bug of ours.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ImportJob, ImportOptionsInput, ImportType } from '../../src-shared/contract/imports';
import { CoreError } from '../core/errors';
import { findFormat, importFormats } from '../core/imports/formats/index';
import type { Core } from '../core/types';
import { parseOptions, Refusal, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';

/** The import types, from the core's registry of formats, as usage text writes alternatives. */
export const importTypesHelp = () =>
  importFormats()
    .map((format) => format.type)
    .join('|');

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      ...targetOptions,
      type: { type: 'string' },
      mapping: { type: 'string' },
      source: { type: 'string' },
      timezone: { type: 'string' },
      campaign: { type: 'string' },
      'event-title': { type: 'string' },
      'event-id': { type: 'string' },
      'event-date': { type: 'string' },
      'update-event-title': { type: 'boolean' },
      'occurred-at': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(`give exactly one FILE to import (drm import FILE [--type ${importTypesHelp()}] …)`);
  const filePath = resolve(positionals[0]!);
  if (values.type !== undefined && !findFormat(values.type)) {
    throw new UsageError(`--type must be one of ${importTypesHelp()}, got "${values.type}"`);
  }
  let mapping: Record<string, string> | undefined;
  if (values.mapping) {
    try {
      mapping = JSON.parse(await readFile(values.mapping, 'utf8')) as Record<string, string>;
    } catch (error) {
      throw new UsageError(`--mapping ${values.mapping}: ${(error as Error).message} (expected a JSON object of field → column header)`);
    }
  }
  const options: ImportOptionsInput = {
    source: values.source,
    timezone: values.timezone,
    campaign: values.campaign,
    eventTitle: values['event-title'],
    eventId: values['event-id'],
    eventDate: values['event-date'],
    updateEventTitle: values['update-event-title'],
    occurredAt: values['occurred-at'],
  };

  return withCore(resolveTarget(values), async (core) => {
    const { fileHandle } = await registerFile(core, filePath);
    let type = values.type as ImportType | undefined;
    if (!type) {
      const preview = unwrap(await core.handlers['import:preview']({ fileHandle }));
      if (!preview.type) {
        throw new UsageError(
          `cannot tell what ${basename(filePath)} is from its headers (${preview.headers.join(', ')}); give --type ${importTypesHelp()}`,
        );
      }
      type = preview.type;
    }
    const bar = process.stderr.isTTY && !values.json ? progressBar() : undefined;
    const off = core.events.on('import:progress', (p) => bar?.update(p.bytesRead, p.totalBytes, p.rowsRead, p.errorCount));
    const { jobId } = unwrap(await core.handlers['import:start']({ fileHandle, type, mapping, options, dryRun: values['dry-run'] }));
    try {
      await core.importer.settled(jobId);
    } finally {
      off();
      bar?.done();
    }
    const read = await core.handlers['import:get-job']({ jobId });
    const outcome = core.importer.outcome(jobId);
    if (!read.ok && outcome) {
      // The job's record cannot be read (the database is gone): say what is known.
      if (values.json)
        console.log(JSON.stringify({ jobId, status: outcome.status, failure: outcome.failure, message: outcome.message }, null, 2));
      process.stderr.write(`drm import: ${outcome.message ?? outcome.status}\n`);
      return exitCode(outcome);
    }
    const job = unwrap(read);
    console.log(values.json ? JSON.stringify(jsonResult(job), null, 2) : summary(job));
    return exitCode(job);
  });
}

/**
 * The command line's user is already on the machine, so it names files by
 * path; it registers the path like the app's shells do and imports by handle,
 * through the same handlers. A missing or special file is a refusal (exit 2).
 */
async function registerFile(core: Core, filePath: string) {
  try {
    return await core.files.register(filePath);
  } catch (error) {
    if (error instanceof CoreError) throw new Refusal(error.message);
    throw error;
  }
}

/** 0 succeeded; 2 refused by the file, its content, the disk or the user (cancel); 1 the database stopped or a bug. */
export function exitCode(job: Pick<ImportJob, 'status' | 'failure'>): number {
  if (job.status === 'succeeded') return 0;
  if (job.status !== 'failed') return 2;
  return job.failure === 'file' || job.failure === 'disk' ? 2 : 1;
}

/** What `--json` prints of a job: everything a script needs, nothing of the UI's live state. */
const JSON_KEYS = [
  'jobId',
  'status',
  'type',
  'encoding',
  'rowsRead',
  'rejected',
  'skipped',
  'duplicates',
  'inserted',
  'errors',
  'errorCount',
  'message',
  'failure',
  'earlyStop',
  'eventTitle',
  'clickIdConflicts',
  'durationMs',
  'dryRun',
] as const satisfies readonly (keyof ImportJob)[];

function jsonResult(job: ImportJob): Pick<ImportJob, (typeof JSON_KEYS)[number]> {
  return Object.fromEntries(JSON_KEYS.map((key) => [key, job[key]])) as Pick<ImportJob, (typeof JSON_KEYS)[number]>;
}

function summary(job: ImportJob): string {
  const n = new Intl.NumberFormat('en-US');
  const lines = [
    `${job.fileName}: ${job.status}${job.dryRun ? ' (dry run)' : ''} — ${job.type}, ${job.encoding}, ${n.format(job.rowsRead)} rows read`,
  ];
  if (job.message) lines.push(job.message);
  if (job.eventTitle) lines.push(eventTitleLine(job.eventTitle));
  if (job.clickIdConflicts) lines.push(...clickIdConflictLines(job.clickIdConflicts));
  if (job.status === 'succeeded') {
    const inserted = Object.entries(job.inserted)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${n.format(v)}`);
    lines.push(
      `inserted: ${inserted.join(', ') || 'nothing new'}; duplicates ${n.format(job.duplicates)}; skipped ${n.format(job.skipped)}`,
    );
  }
  const shown = job.errors.slice(0, 20);
  for (const e of shown) lines.push(`  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason} (${JSON.stringify(e.value)})`);
  if (job.errorCount > shown.length) lines.push(`  … and ${n.format(job.errorCount - shown.length)} more (--json lists them all)`);
  return lines.join('\n');
}

function eventTitleLine({ eventId, storedTitle, typedTitle, kept }: NonNullable<ImportJob['eventTitle']>): string {
  return kept === 'stored'
    ? `event ${eventId} keeps its title ${JSON.stringify(storedTitle)} (not ${JSON.stringify(typedTitle)}; --update-event-title replaces it)`
    : `event ${eventId} renamed from ${JSON.stringify(storedTitle)} to ${JSON.stringify(typedTitle)}`;
}

/** First link wins (imports/load/click-links.ts): the rows that carried someone else's click id. */
function clickIdConflictLines({ count, first }: NonNullable<ImportJob['clickIdConflicts']>): string[] {
  const lines = [`${count} click id(s) were linked to another developer first and stay with them (the first link wins):`];
  for (const c of first.slice(0, 20)) lines.push(`  line ${c.line}: ${c.clickId} stays with developer ${c.linkedTo} (not ${c.claimedBy})`);
  if (count > 20) lines.push(`  … and ${count - 20} more (--json lists the first 100)`);
  return lines;
}

function progressBar() {
  const started = Date.now();
  let last = '';
  return {
    update(bytes: number, total: number, rows: number, errors: number) {
      const ratio = total > 0 ? Math.min(1, bytes / total) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      const line =
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${rows} rows  ${rate} rows/s` +
        (errors > 0 ? `  ${errors} errors` : '');
      if (line !== last) process.stderr.write(`\r${line}`);
      last = line;
    },
    done: () => last && process.stderr.write('\n'),
  };
}
