/**
 * scripts/check-migrations.ts on a throwaway git repository: adding a
 * migration passes; editing, deleting or renaming a committed one, an older
 * snapshot, or the journal's past entries fails and names the file; history
 * before the baseline, and a branch's migration replaced at its merge, are
 * not judged.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationProblems } from '../../scripts/check-migrations';
import { makeTempDir } from '../helpers/temp';

let repo: string;
let cleanup: () => void;

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();

const write = (path: string, text: string) => {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
};

/** Writes migration `idx` (SQL, snapshot, journal entry after those of `before`). */
function addMigration(idx: number, tag: string, sql: string, before: { idx: number; tag: string; when: number }[] = []) {
  const entries = [...before, { idx, version: '7', when: 1000 + idx, tag, breakpoints: true }];
  write(`migrations/${tag}.sql`, sql);
  write(`migrations/meta/${String(idx).padStart(4, '0')}_snapshot.json`, JSON.stringify({ id: tag }));
  write('migrations/meta/_journal.json', JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2));
  return entries;
}

function commit(message: string): string {
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

let baseline: string;
let journal: { idx: number; tag: string; when: number }[];

beforeEach(() => {
  const dir = makeTempDir('check-migrations');
  repo = dir.path;
  cleanup = dir.remove;
  git('init', '-q');
  // History before the baseline was rewritten: a migration that is gone by then is not judged.
  addMigration(0, '0000_old', 'create table gone ();');
  commit('before the baseline');
  rmSync(join(repo, 'migrations'), { recursive: true });
  journal = addMigration(0, '0000_extensions', 'create extension citext;');
  baseline = commit('baseline');
});

afterEach(() => cleanup());

describe('check-migrations', () => {
  it('passes when migrations are only added, and the newest snapshot may still change', () => {
    expect(migrationProblems(repo, baseline)).toEqual([]);
    journal = addMigration(1, '0001_schema', 'create table a ();', journal);
    commit('add 0001');
    write('migrations/meta/0001_snapshot.json', JSON.stringify({ id: '0001_schema', regenerated: true }));
    commit('regenerate the newest snapshot');
    expect(migrationProblems(repo, baseline)).toEqual([]);
  });

  it('fails when a migration is edited after it was added, before or after the baseline', () => {
    journal = addMigration(1, '0001_schema', 'create table a ();', journal);
    const added = commit('add 0001');
    write('migrations/0001_schema.sql', 'create table a (id int);');
    write('migrations/0000_extensions.sql', 'create extension citext; create extension pg_trgm;');
    commit('edit both');
    const problems = migrationProblems(repo, baseline);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain(`migrations/0000_extensions.sql was edited after the baseline (${baseline.slice(0, 10)})`);
    expect(problems.join('\n')).toContain(`migrations/0001_schema.sql was edited after it was added (${added.slice(0, 10)})`);
    expect(problems.join('\n')).toContain(`git checkout ${added.slice(0, 10)} -- migrations/0001_schema.sql`);
  });

  it('fails on an edit not committed yet, and on an older snapshot edited', () => {
    journal = addMigration(1, '0001_schema', 'create table a ();', journal);
    commit('add 0001');
    write('migrations/meta/0000_snapshot.json', JSON.stringify({ id: 'changed' }));
    expect(migrationProblems(repo, baseline)).toEqual([
      expect.stringContaining('migrations/meta/0000_snapshot.json was edited after the baseline'),
    ]);
  });

  it('fails when a migration is deleted or renamed, and when the journal is rewritten', () => {
    journal = addMigration(1, '0001_trigram', 'create extension pg_trgm;', journal);
    commit('add 0001');
    unlinkSync(join(repo, 'migrations/0001_trigram.sql'));
    addMigration(1, '0001_derived', 'create schema derived;', journal.slice(0, 1));
    commit('rename and rewrite 0001');
    const problems = migrationProblems(repo, baseline).join('\n');
    expect(problems).toContain('migrations/0001_trigram.sql was deleted after it was added');
    expect(problems).toContain('migrations/meta/_journal.json no longer starts with the entries it had');
    expect(problems).toContain('entry 1 was 0001_trigram (1001), now 0001_derived (1001)');
  });

  it('judges what main held: a branch’s migration replaced at its merge is not judged, one that landed is', () => {
    const main = git('rev-parse', '--abbrev-ref', 'HEAD');
    git('checkout', '-q', '-b', 'feature');
    addMigration(1, '0001_feature_draft', 'create table draft ();', journal);
    commit('a branch generates its own 0001');
    git('checkout', '-q', main);
    git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    rmSync(join(repo, 'migrations/0001_feature_draft.sql'));
    journal = addMigration(1, '0001_combined', 'create table draft (); create table other ();', journal);
    commit('merge: one generated 0001 replaces the branch’s');
    expect(migrationProblems(repo, baseline)).toEqual([]);

    unlinkSync(join(repo, 'migrations/0001_combined.sql'));
    addMigration(1, '0001_again', 'create table again ();', journal.slice(0, 1));
    commit('rewrite the merged 0001');
    const problems = migrationProblems(repo, baseline).join('\n');
    expect(problems).toContain('migrations/0001_combined.sql was deleted after it was added');
    expect(problems).not.toContain('0001_feature_draft');
  });

  it('refuses to judge without the baseline in the history', () => {
    expect(migrationProblems(repo, 'f'.repeat(40))).toEqual([expect.stringContaining('is not in this clone')]);
  });
});
