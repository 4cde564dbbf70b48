/**
 * Two tenants' imports at once on one database, as on a team server. Since
 * session 34 an import analyses the tables it grew with several tenants too
 * (db/statistics.ts), and an ANALYZE keeps its lock on the table until the
 * commit: another tenant's import must skip that table, not wait for the
 * commit (migration 0018). The first import is held at its derived step,
 * after its ANALYZE, by the test-only pause hook (imports/pause.ts), while
 * the second runs to its end; were the second to wait, it would wait for good.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import { PAUSED_MARKER } from '../../src-main/core/imports/pause';
import { PROJECT_ROOT } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const db = useCoreOnTestDatabase();
const dir = makeTempDir('tenants-concurrent-imports');
/** The paused import's process: killed if a failed test left it waiting. */
let paused: ChildProcess | undefined;
afterAll(() => {
  if (paused?.exitCode === null) paused.kill('SIGKILL');
  dir.remove();
});

/** `people` people, each one GitHub star with an email. */
function peopleCsv(name: string, people: number): string {
  const lines = ['occurred_at,action,source,provider,handle,email,source_ref'];
  for (let i = 0; i < people; i++) lines.push(`2024-03-01 10:00,star,github,github,${name}${i},${name}${i}@example.com,${name}-${i}`);
  return writeCsv(dir.path, `${name}.csv`, lines.join('\n'));
}

/** `drm import` of `file` into the default tenant, paused before its derived step until `resumeFile` exists. */
async function importPausedAtDerived(file: string, resumeFile: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'src-main', 'cli.ts'), 'import', file, '--database-url', db.url, '--timezone', 'UTC', '--json'],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DRM_IMPORT_PAUSE_AT: 'derived', DRM_IMPORT_RESUME_FILE: resumeFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  paused = child;
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes(`${PAUSED_MARKER} derived`)) resolve();
    });
    void exited.then((code) => reject(new Error(`drm import exited (${code}) before pausing:\n${stderr}`)));
  });
  return { child, exited };
}

/** The tables whose ANALYZE lock (ShareUpdateExclusiveLock) a session other than this query's holds. */
async function analyzeLocked(): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db.url,
    `select c.relname as name from pg_locks l join pg_class c on c.oid = l.relation
      where l.mode = 'ShareUpdateExclusiveLock' and l.granted and l.pid <> pg_backend_pid() order by 1`,
  );
  return rows.map((r) => r.name);
}

describe("two tenants' imports at once", () => {
  it('one runs to its end while the other holds its ANALYZE locks, and both succeed', { timeout: 120_000 }, async () => {
    await call(db.core, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
    const resume = join(dir.path, 'resume');
    const first = await importPausedAtDerived(peopleCsv('home', 1_500), resume);
    try {
      expect(await analyzeLocked()).toEqual(expect.arrayContaining(['accounts', 'developer_identifiers', 'developers']));
      const acme = await startCore({ databaseUrl: db.url, tenant: 'acme' });
      try {
        const second = await importFile(acme, peopleCsv('acme', 1_200), { options: { timezone: 'UTC' } });
        expect(second).toMatchObject({ status: 'succeeded', inserted: { activities: 1_200, developers: 1_200, accounts: 1_200 } });
      } finally {
        await acme.stop();
      }
      // The first is still where it paused: the second did not need its commit.
      expect(first.child.exitCode).toBeNull();
    } finally {
      writeFileSync(resume, '');
    }
    expect(await first.exited).toBe(0);
    const counts = await queryRows<{ tenant_id: string; n: number }>(
      db.url,
      'select tenant_id, count(*)::int as n from developers group by 1 order by 1',
    );
    expect(counts).toEqual([
      { tenant_id: 'acme', n: 1_200 },
      { tenant_id: 'default', n: 1_500 },
    ]);
  });
});
