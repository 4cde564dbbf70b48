/**
 * Finds the src-main modules that name a spec table in SQL text (raw-sql-tables.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tableNames } from '../../src-shared/contract/tables';

const ROOT = join(import.meta.dirname, '..', '..');

const specTables = tableNames.filter((name) => !name.includes('.'));
export const NAMED = new RegExp(
  `\\b(?:from|join|into|update|table|truncate)\\s+(?:only\\s+)?(?:public\\.)?(${specTables.join('|')})\\b`,
  'i',
);

/** The code without its comments, so that prose ("rows from developers") is not SQL. */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every src-main module that names a spec table in SQL text, with the first table it names. */
export function modulesNamingTables(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, 'src-main'))) {
    const match = NAMED.exec(withoutComments(readFileSync(file, 'utf8')));
    if (match) found.set(relative(ROOT, file), match[1]!.toLowerCase());
  }
  return found;
}
