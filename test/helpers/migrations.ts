/**
 * The migrations the app ships, in order, as drizzle-kit's journal lists
 * them: tests that check "every migration was applied" read them here rather
 * than repeating the list, so adding a migration does not break them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const JOURNAL = join(import.meta.dirname, '..', '..', 'migrations', 'meta', '_journal.json');

export function shippedMigrations(): string[] {
  const journal = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: { idx: number; tag: string }[] };
  return [...journal.entries].sort((a, b) => a.idx - b.idx).map((e) => e.tag);
}

/** The shipped migrations from `tag` on: what a start applies to a database taken back to before `tag`. */
export function shippedMigrationsFrom(tag: string): string[] {
  const all = shippedMigrations();
  if (!all.includes(tag)) throw new Error(`${tag} is not a shipped migration`);
  return all.slice(all.indexOf(tag));
}
