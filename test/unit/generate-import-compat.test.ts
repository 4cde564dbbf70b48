/**
 * The generated files go through the import's own reading pipeline (sniff,
 * decode, parse, per-row validation; no database): every file is recognised
 * as its type with the suggested mapping, and every row is accepted, except
 * connpass's deleted user, which the import skips on purpose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, ownFormats, presetFormats, type GeneratedDataset, type GeneratedFile } from '../../bench/generate/index';
import { readRecords } from '../../src-main/core/imports/parse/record-stream';
import { sniffFile } from '../../src-main/core/imports/parse/sniff';
import type { ImportOptions, ImportType, RowOutcome } from '../../src-main/core/imports/types';
import { SAMPLE_DIR } from '../../scripts/make-sample';
import { makeTempDir } from '../helpers/temp';

/** Sniffs and reads one file as the import would; returns the outcomes. */
async function readAsImport(
  path: string,
  type: ImportType,
  options: ImportOptions,
): Promise<{ sniffed: Awaited<ReturnType<typeof sniffFile>>; outcomes: RowOutcome[] }> {
  const sniffed = await sniffFile(path);
  const outcomes: RowOutcome[] = [];
  const input = {
    filePath: path,
    encoding: sniffed.encoding,
    delimiter: sniffed.delimiter,
    type,
    mapping: sniffed.mapping,
    options,
    batchSize: 500,
  };
  for await (const outcome of readRecords(input)) outcomes.push(outcome);
  return { sniffed, outcomes };
}

function expectAccepted(file: Pick<GeneratedFile, 'file' | 'type'>, outcomes: RowOutcome[]): void {
  const errors = outcomes.flatMap((o) => (o.status === 'error' ? o.errors : []));
  expect(errors.slice(0, 5), file.file).toEqual([]);
  // Only connpass's deleted user is skipped, on purpose.
  expect(outcomes.filter((o) => o.status === 'skipped').length, file.file).toBe(file.type === 'connpass' ? 1 : 0);
}

const dir = makeTempDir('gen-compat');
let dataset: GeneratedDataset;

beforeAll(async () => {
  dataset = await generateDataset({
    seed: 3,
    developers: 250,
    activities: 4000,
    outDir: dir.path,
    formats: [...ownFormats, ...presetFormats],
  });
});
afterAll(() => dir.remove());

describe('generated files and the import', () => {
  it('are recognised, decoded and accepted row by row', async () => {
    for (const file of dataset.files) {
      const { sniffed, outcomes } = await readAsImport(file.path, file.type, file.options ?? {});
      expect(sniffed.type, file.file).toBe(file.type);
      expect(sniffed.encoding, file.file).toBe(file.type === 'connpass' ? 'cp932' : 'utf-8');
      expect(outcomes, file.file).toHaveLength(file.rows);
      expectAccepted(file, outcomes);
    }
  });

  it('include the bundled sample, read with its manifest options', async () => {
    const manifest = JSON.parse(readFileSync(join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as {
      file: string;
      type: ImportType;
      options?: ImportOptions;
    }[];
    for (const entry of manifest) {
      const { sniffed, outcomes } = await readAsImport(join(SAMPLE_DIR, entry.file), entry.type, entry.options ?? {});
      expect(sniffed.type, entry.file).toBe(entry.type);
      expect(outcomes.length, entry.file).toBeGreaterThan(0);
      expectAccepted(entry, outcomes);
    }
  });

  it('keeps the extra activity columns as metadata', async () => {
    const file = dataset.files.find((f) => f.type === 'activities');
    const sniff = await sniffFile(file?.path ?? '');
    expect(sniff.mapping).not.toHaveProperty('user_agent');
    const { outcomes } = await readAsImport(file?.path ?? '', 'activities', { timezone: 'Asia/Tokyo' });
    const withLang = outcomes.filter((o) => o.status === 'ok' && o.record.kind === 'activity' && o.record.metadata.lang).length;
    expect(withLang).toBeGreaterThan(1000);
  });
});
