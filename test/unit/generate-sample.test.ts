/**
 * The bundled sample (resources/sample) is what scripts/make-sample.ts writes
 * today: regenerating gives the same bytes and manifest, so a generator change
 * without re-running the script is caught. It also stays small, and the
 * manifest imports every CSV in the folder in a workable order.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate/index';
import { MAX_SAMPLE_BYTES, SAMPLE_DIR, manifestOf, sampleOptions } from '../../scripts/make-sample';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('gen-sample');
afterAll(() => dir.remove());

interface Entry {
  file: string;
  type: string;
  options?: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as Entry[];

describe('resources/sample', () => {
  it('is current: regenerating writes the same bytes and manifest', async () => {
    const fresh = await generateDataset({ ...sampleOptions, outDir: dir.path });
    expect(manifest).toEqual(manifestOf(fresh.files));
    for (const f of fresh.files)
      expect(
        readFileSync(join(SAMPLE_DIR, f.file)).equals(readFileSync(f.path)),
        `${f.file} is stale: run npx tsx scripts/make-sample.ts`,
      ).toBe(true);
  });

  it('lists every CSV once, campaigns and developers before the rows that refer to them', () => {
    const csvs = readdirSync(SAMPLE_DIR).filter((name) => name.endsWith('.csv'));
    expect(manifest.map((e) => e.file).sort()).toEqual(csvs.sort());
    const order = manifest.map((e) => e.type);
    expect(order.slice(0, 4)).toEqual(['campaigns', 'budgets', 'developers', 'activities']);
    expect(order).toEqual(expect.arrayContaining(['connpass', 'github-stars', 'slack-members']));
    const connpass = manifest.find((e) => e.type === 'connpass');
    expect(connpass?.options?.campaign).toBe('Tokyo Meetup 2024-05');
    expect(readFileSync(join(SAMPLE_DIR, 'campaigns.csv'), 'utf8')).toContain('Tokyo Meetup 2024-05,');
  });

  it('stays under the installer budget', () => {
    const total = readdirSync(SAMPLE_DIR).reduce((sum, name) => sum + readFileSync(join(SAMPLE_DIR, name)).length, 0);
    expect(total).toBeLessThan(MAX_SAMPLE_BYTES);
  });
});
