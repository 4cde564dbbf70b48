/**
 * The renderer's layout. `queries/` holds one file per contract room (the
 * renderer's side of `src-shared/contract/<room>.ts`) beside its plumbing.
 * A page folder is one room's screens: what two pages share lives in
 * `components/` (React) or `lib/` (pure), not in the page that needed it
 * first, so a page can be split or removed without breaking another. And
 * nothing but the app shell reaches into a page: shared code that imports a
 * page has put the dependency the wrong way round.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelRooms } from '../../src-shared/contract/index';
import { importGraph, sourceFiles } from '../helpers/import-graph';

const src = resolve(__dirname, '../../src-renderer/src');
const pages = join(src, 'pages');
/**
 * The shell routes to every page (App.tsx, through its table of pages) and
 * starts the first one's calls (main.tsx); nothing else may import one.
 */
const SHELL = new Set([join(src, 'App.tsx'), join(src, 'page-of-route.ts'), join(src, 'main.tsx')]);

/** `pages/<folder>/…` → folder; anything outside pages/ → undefined. */
export function pageFolderOf(file: string): string | undefined {
  const rel = relative(pages, file);
  if (rel.startsWith('..') || !rel.includes(sep)) return undefined;
  return rel.split(sep)[0];
}

/** `from → to` for every import that crosses from one page folder into another, or into a page from outside. */
export function boundaryCrossings(graph: ReadonlyMap<string, readonly string[]>, shell: ReadonlySet<string>): string[] {
  const crossings: string[] = [];
  for (const [from, targets] of graph) {
    const fromFolder = pageFolderOf(from);
    for (const to of targets) {
      const toFolder = pageFolderOf(to);
      if (toFolder === undefined || toFolder === fromFolder) continue;
      if (fromFolder === undefined && shell.has(from)) continue;
      crossings.push(`${relative(src, from)} → ${relative(src, to)}`);
    }
  }
  return crossings.sort();
}

describe('renderer page boundaries', () => {
  const graph = importGraph(sourceFiles(src));

  it('reads the renderer: every page folder has files, and the shell imports pages', () => {
    const folders = new Set([...graph.keys()].map(pageFolderOf).filter((f) => f !== undefined));
    expect(folders.size).toBeGreaterThanOrEqual(9);
    expect(graph.get(join(src, 'page-of-route.ts'))?.some((to) => pageFolderOf(to) !== undefined)).toBe(true);
  });

  it('no page imports from another page folder, and nothing but the shell imports a page', () => {
    expect(boundaryCrossings(graph, SHELL)).toEqual([]);
  });

  it('catches a page importing another page, and shared code importing a page', () => {
    const a = join(pages, 'merges', 'MergesPage.tsx');
    const b = join(pages, 'developers', 'bits.tsx');
    const lib = join(src, 'lib', 'time.ts');
    const own = join(pages, 'merges', 'merge-view.ts');
    const crossings = boundaryCrossings(
      new Map([
        [a, [b, own, lib]],
        [lib, [own]],
        [join(src, 'App.tsx'), [a]],
      ]),
      SHELL,
    );
    expect(crossings).toEqual([
      `lib${sep}time.ts → pages${sep}merges${sep}merge-view.ts`,
      `pages${sep}merges${sep}MergesPage.tsx → pages${sep}developers${sep}bits.tsx`,
    ]);
  });
});

describe('renderer query rooms', () => {
  /** What every room's factories share: table identity for `meta.tables`, the one mutation shape. */
  const PLUMBING = ['invalidation.ts', 'mutation.ts'];
  const files = readdirSync(join(src, 'queries'));

  it('names every file in queries/ after a contract room, besides the plumbing', () => {
    const rooms = files.filter((name) => !PLUMBING.includes(name)).map((name) => name.replace(/\.tsx?$/, ''));
    expect(rooms.filter((room) => !Object.hasOwn(channelRooms, room))).toEqual([]);
    // Every room but stats (no screen rebuilds the numbers by hand) has screens.
    expect(rooms.sort()).toEqual(
      Object.keys(channelRooms)
        .filter((room) => room !== 'stats')
        .sort(),
    );
    expect(PLUMBING.filter((name) => !files.includes(name))).toEqual([]);
  });
});
