/**
 * The developer search index is built and searched in its worker thread
 * only, never on Electron's main thread: the modules that read the rows and
 * arrange them (keeper.ts, index-data.ts) are loaded by the worker's entry
 * alone — everything the core itself loads names them as types at most — and
 * the build bundles that entry as its own file, as it does the parse worker.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/import-graph';

const ROOT = join(__dirname, '..', '..');
const FOLDER = join(ROOT, 'src-main', 'core', 'developers', 'search-index');

/** Files under src-main that import `module` (a path without extension) for its values, not only its types. */
function valueImporters(module: string): string[] {
  const name = module.split('/').pop()!;
  return sourceFiles(join(ROOT, 'src-main'))
    .filter((file) => {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)];
      return imports.some(
        ([, typeOnly, specifier]) => !typeOnly && specifier!.endsWith(`/${name}`) && join(file, '..', specifier!) === module,
      );
    })
    .map((file) => relative(ROOT, file));
}

describe('the search index thread', () => {
  it('is the only place that loads the keeper and the index', () => {
    expect(valueImporters(join(FOLDER, 'keeper'))).toEqual(['src-main/core/developers/search-index/worker.ts']);
    expect(valueImporters(join(FOLDER, 'index-data'))).toEqual(['src-main/core/developers/search-index/keeper.ts']);
  });

  it('is bundled as its own entry beside the main bundle', () => {
    const config = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8');
    expect(config).toMatch(/'search-worker': resolve\(__dirname, 'src-main\/core\/developers\/search-index\/worker\.ts'\)/);
    // The client looks for it under that name beside the bundle (or one level up from chunks/).
    expect(readFileSync(join(FOLDER, 'client.ts'), 'utf8')).toContain("['search-worker', '../search-worker']");
  });
});
