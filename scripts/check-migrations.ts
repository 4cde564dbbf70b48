/**
 * CI's guard for immutable migrations: fails when a committed migration was
 * edited, deleted or renamed rather than a new one added. Databases that ran
 * a migration keep what it did; a later edit of the file would never run on
 * them and would leave them with a schema no one can reproduce (start-up
 * refuses such a database too, by drizzle's recorded hash: core/db/migrate.ts).
 *
 *   npx tsx scripts/check-migrations.ts [--baseline <commit>]
 *
 * Each `migrations/*.sql`, and each `migrations/meta/<tag>_snapshot.json` but
 * the newest tag's, must read exactly as at the commit that added it — or as
 * at the baseline, for files older than it: history before the baseline was
 * rewritten (issue 10), so it is not judged. The journal may only grow: its
 * entries at the baseline and at each later commit stay first, unchanged.
 *
 * History is read along first parents: what main held is what shipped. A
 * branch's own migration, replaced when the branch was merged (several
 * engineers' migrations folded into one generated file), never reached a
 * database, so its commits are not judged; the merge commit is.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** main's HEAD when the check was introduced; earlier history had rewritten migrations. */
export const MIGRATIONS_BASELINE = 'ced97fa9ae1df6119f14cbf9599c8552c0b67326';

const FOLDER = 'migrations';
const JOURNAL = `${FOLDER}/meta/_journal.json`;

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

function git(repo: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 ** 2 });
}

/** A file's content at `commit`, or undefined when it did not exist there. */
function contentAt(repo: string, commit: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${commit}:${path}`], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** Commits after `baseline` up to HEAD that added `path`, oldest first. */
function addedAfter(repo: string, baseline: string, path: string): string[] {
  const out = git(repo, [
    'log',
    '--first-parent',
    '--no-renames',
    '--format=%H',
    '--diff-filter=A',
    '--reverse',
    `${baseline}..HEAD`,
    '--',
    path,
  ]).trim();
  return out === '' ? [] : out.split('\n');
}

/** Every migration file the baseline or any later commit had (the journal aside). */
function filesEverCommitted(repo: string, baseline: string): string[] {
  const atBaseline = git(repo, ['ls-tree', '-r', '--name-only', baseline, '--', FOLDER]);
  const since = git(repo, [
    'log',
    '--first-parent',
    '--no-renames',
    '--format=',
    '--name-only',
    '--diff-filter=A',
    `${baseline}..HEAD`,
    '--',
    FOLDER,
  ]);
  const all = new Set([...atBaseline.split('\n'), ...since.split('\n')].map((line) => line.trim()).filter(Boolean));
  return [...all].filter((path) => path !== JOURNAL && isChecked(path)).sort();
}

const isChecked = (path: string) => /^migrations\/[^/]+\.sql$/.test(path) || /^migrations\/meta\/[^/]+_snapshot\.json$/.test(path);

const journalOf = (text: string | undefined): JournalEntry[] =>
  text === undefined ? [] : (JSON.parse(text) as { entries: JournalEntry[] }).entries;

/** Journals at the baseline and at every later commit that changed it, oldest first. */
function pastJournals(repo: string, baseline: string): { commit: string; entries: JournalEntry[] }[] {
  const commits = git(repo, ['log', '--first-parent', '--format=%H', '--reverse', `${baseline}..HEAD`, '--', JOURNAL]).trim();
  return [baseline, ...(commits === '' ? [] : commits.split('\n'))].map((commit) => ({
    commit,
    entries: journalOf(contentAt(repo, commit, JOURNAL)),
  }));
}

const short = (commit: string) => commit.slice(0, 10);

/** What the working tree of `repo` changed in committed migrations, one sentence each; empty when nothing. */
export function migrationProblems(repo: string, baseline: string = MIGRATIONS_BASELINE): string[] {
  try {
    git(repo, ['cat-file', '-e', `${baseline}^{commit}`]);
  } catch {
    return [`The baseline commit ${short(baseline)} is not in this clone's history; fetch the whole history (git fetch --unshallow).`];
  }
  const problems: string[] = [];
  const journal = journalOf(existsSync(join(repo, JOURNAL)) ? readFileSync(join(repo, JOURNAL), 'utf8') : undefined);
  const newestSnapshot = journal.length > 0 ? `${FOLDER}/meta/${String(journal.at(-1)!.idx).padStart(4, '0')}_snapshot.json` : '';

  for (const path of filesEverCommitted(repo, baseline)) {
    if (path === newestSnapshot) continue;
    const added = addedAfter(repo, baseline, path)[0];
    const original = added ? contentAt(repo, added, path) : contentAt(repo, baseline, path);
    const since = added ? `it was added (${short(added)})` : `the baseline (${short(baseline)})`;
    const restore = `git checkout ${short(added ?? baseline)} -- ${path}`;
    if (!existsSync(join(repo, path))) {
      problems.push(`${path} was deleted after ${since}; migrations are never removed: restore it (${restore}).`);
    } else if (original !== undefined && readFileSync(join(repo, path), 'utf8') !== original) {
      problems.push(
        `${path} was edited after ${since}; migrations are immutable: restore it (${restore}) and put the change in a new migration.`,
      );
    }
  }

  for (const past of pastJournals(repo, baseline)) {
    past.entries.forEach((entry, i) => {
      const now = journal[i];
      if (!now || now.tag !== entry.tag || now.when !== entry.when || now.idx !== entry.idx) {
        problems.push(
          `${JOURNAL} no longer starts with the entries it had at ${short(past.commit)}: entry ${i} was ${entry.tag} (${entry.when}), ` +
            `now ${now ? `${now.tag} (${now.when})` : 'missing'}; the journal only grows (restore it and generate a new migration).`,
        );
      }
    });
  }
  // Files on disk the journal does not know are not migrations drizzle would run: say so rather than ship them.
  for (const name of existsSync(join(repo, FOLDER)) ? readdirSync(join(repo, FOLDER)) : []) {
    if (name.endsWith('.sql') && !journal.some((e) => `${e.tag}.sql` === name)) {
      problems.push(`${FOLDER}/${name} is not in ${JOURNAL}; generate migrations with npm run db:generate.`);
    }
  }
  return [...new Set(problems)];
}

function main(args: string[]): number {
  const at = args.indexOf('--baseline');
  const baseline = at >= 0 ? args[at + 1] : undefined;
  const problems = migrationProblems(process.cwd(), baseline);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  if (problems.length === 0) process.stdout.write('Committed migrations are unchanged.\n');
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
