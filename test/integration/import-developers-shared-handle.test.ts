/**
 * A developers list whose rows of two people name the same handle
 * (imports/load/entity-resolve.ts): the account goes to the later line's
 * person, as a list's later lines win for every single value. Before, the
 * winner was whichever row a hash of the handles met first: in one file the
 * first line's person, in another the last's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { createTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('shared-handle');
let url: string;
let drop: () => Promise<void>;
let core: Core;

beforeAll(async () => {
  const database = await createTestDatabase();
  url = database.url;
  drop = database.drop;
  core = await startCore({ databaseUrl: url });
}, 120_000);

afterAll(async () => {
  await core?.stop();
  await drop?.();
  dir.remove();
});

/** Imports the list; who holds each of the handles now. */
async function importList(name: string, rows: string[]): Promise<Record<string, string>> {
  const job = await importFile(core, writeCsv(dir.path, `${name}.csv`, ['display_name,email,github', ...rows].join('\n') + '\n'), {
    type: 'developers',
  });
  expect(job.status).toBe('succeeded');
  const held = await queryRows<{ handle: string; holder: string }>(
    url,
    `select a.handle, d.display_name as holder from accounts a join developers d using (developer_id) where a.tenant_id = $1`,
    [DEFAULT_TENANT],
  );
  return Object.fromEntries(held.map((r) => [r.handle, r.holder]));
}

describe('an account two people of a developers list name', () => {
  it('goes to the later line, whichever comes first', async () => {
    const held = await importList('first', [
      'Ann,ann@a.example,shared',
      'Bob,bob@b.example,shared',
      'Cy,cy@c.example,other',
      'Di,di@d.example,other',
      'Eve,eve@e.example,third',
      'Fay,fay@f.example,third',
    ]);
    expect(held).toMatchObject({ shared: 'Bob', other: 'Di', third: 'Fay' });
    const again = await importList('second', [
      'Bob,bob@b.example,shared2',
      'Ann,ann@a.example,shared2',
      'Di,di@d.example,other2',
      'Cy,cy@c.example,other2',
    ]);
    expect(again).toMatchObject({ shared2: 'Ann', other2: 'Cy' });
  });

  it('that exists without a developer joins the later line', async () => {
    await queryRows(
      url,
      `insert into accounts (tenant_id, provider, external_user_id, handle, dedup_key) values ($1, 'github', 'loose', 'loose', 'loose-key')`,
      [DEFAULT_TENANT],
    );
    const held = await importList('loose', ['Gus,gus@g.example,loose', 'Hal,hal@h.example,loose']);
    expect(held).toMatchObject({ loose: 'Hal' });
  });
});
