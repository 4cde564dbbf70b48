/**
 * npx tsx bench/generate/cli.ts --out DIR --developers N --activities N --seed S [--presets] [--campaigns N]
 * npx tsx bench/generate/cli.ts --out DIR --shape identities --activities N [--people N] --seed S
 *
 * Writes the dataset and prints one line per file (rows, size) and the time
 * taken, so a benchmark log shows exactly what was imported.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeIdentities } from './identities';
import { generateDataset, ownFormats, presetFormats } from './index';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    developers: { type: 'string', default: '300' },
    activities: { type: 'string' },
    seed: { type: 'string', default: '42' },
    campaigns: { type: 'string' },
    presets: { type: 'boolean', default: false },
    shape: { type: 'string', default: 'default' },
    people: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const usage = `usage: tsx bench/generate/cli.ts --out DIR [--developers N] [--activities N] [--seed S] [--campaigns N] [--presets]
       tsx bench/generate/cli.ts --out DIR --shape identities [--activities N] [--people N] [--seed S]`;

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${text}"`);
  return n;
}

async function main(): Promise<void> {
  if (values.help || values.out === undefined) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 1;
    return;
  }
  const t0 = performance.now();
  const activities = count('activities', values.activities);
  if (values.shape === 'identities') {
    await mkdir(values.out, { recursive: true });
    const people = count('people', values.people);
    const written = await writeIdentities(join(values.out, 'activities.csv'), {
      rows: activities ?? 200_000,
      seed: count('seed', values.seed) ?? 42,
      ...(people === undefined ? {} : { people }),
    });
    console.log(
      `activities ${String(written.rows).padStart(10)} rows ${(written.bytes / 1_048_576).toFixed(2).padStart(9)} MB  ${written.path} (${written.people} people)`,
    );
    return;
  }
  if (values.shape !== 'default') throw new Error(`--shape must be default or identities, got "${values.shape}"`);
  const campaigns = count('campaigns', values.campaigns);
  const result = await generateDataset({
    seed: count('seed', values.seed) ?? 42,
    developers: count('developers', values.developers) ?? 300,
    ...(activities === undefined ? {} : { activities }),
    ...(campaigns === undefined ? {} : { campaigns }),
    outDir: values.out,
    formats: values.presets ? [...ownFormats, ...presetFormats] : ownFormats,
  });
  for (const f of result.files) {
    console.log(`${f.type.padEnd(14)} ${String(f.rows).padStart(10)} rows ${(f.bytes / 1_048_576).toFixed(2).padStart(9)} MB  ${f.path}`);
  }
  const total = result.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(`total ${(total / 1_048_576).toFixed(2)} MB in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
