/**
 * Regenerates the bundled first-run sample in resources/sample/ ("load sample
 * data" on an empty app): ~300 fictional developers, ~6,000 activities, 8
 * campaigns with budgets, and one connpass (CP932), GitHub stargazers and
 * Slack member export about mostly the same people.
 *
 *   npx tsx scripts/make-sample.ts
 *
 * The seed is fixed, so running it again rewrites identical bytes; a diff in
 * resources/sample/ means the generator changed. manifest.json lists the files
 * in import order (campaigns before the rows that name them, developers before
 * the activities and exports that should resolve to them) with their options;
 * the core's `import:load-sample` handler imports them in that order.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDataset, ownFormats, presetFormats, type DatasetOptions, type GeneratedFile } from '../bench/generate/index';

export const SAMPLE_DIR = fileURLToPath(new URL('../resources/sample/', import.meta.url));
export const MAX_SAMPLE_BYTES = 1.5 * 1024 * 1024;

/** Everything but the output folder; exported so a test can check the bundled files are current. */
export const sampleOptions: Omit<DatasetOptions, 'outDir'> = {
  seed: 20_240_518,
  developers: 300,
  activities: 6000,
  campaigns: 8,
  connpassParticipants: 80,
  stargazers: 60,
  formats: [...ownFormats, ...presetFormats],
};

/** manifest.json's entries: the files in import order, with their import options. */
export const manifestOf = (files: readonly GeneratedFile[]) =>
  files.map((f) => ({ file: f.file, type: f.type, ...(f.options ? { options: f.options } : {}) }));

async function main(): Promise<void> {
  // Stale CSVs from an older generator would be bundled but never imported.
  for (const name of await readdir(SAMPLE_DIR).catch(() => [] as string[])) {
    if (name.endsWith('.csv')) await rm(SAMPLE_DIR + name);
  }
  const dataset = await generateDataset({ ...sampleOptions, outDir: SAMPLE_DIR });
  await writeFile(`${SAMPLE_DIR}manifest.json`, `${JSON.stringify(manifestOf(dataset.files), null, 2)}\n`);
  const total = dataset.files.reduce((sum, f) => sum + f.bytes, 0);
  for (const f of dataset.files)
    console.log(
      `${f.file.padEnd(34)} ${f.type.padEnd(14)} ${String(f.rows).padStart(6)} rows ${(f.bytes / 1024).toFixed(0).padStart(6)} KB`,
    );
  console.log(`total ${(total / 1024).toFixed(0)} KB → ${SAMPLE_DIR}`);
  // The sample ships inside the installer: keep it small.
  if (total > MAX_SAMPLE_BYTES) throw new Error(`sample is ${(total / 1048576).toFixed(2)} MB, over the 1.5 MB budget`);
}

// Run as a script only, not when a test imports the options.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
