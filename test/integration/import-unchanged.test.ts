/**
 * An import writes the rows it changes and no others (issue 12 §1): an
 * account the file names again with nothing new is not rewritten (the 1M
 * bench rewrote 118k unchanged accounts, each a new row version and index
 * entries), while one it tells something new about still is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-unchanged');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const HEADER = 'occurred_at,action,source,provider,handle,email,display_name,source_ref';
const zone = { options: { timezone: 'Asia/Tokyo' } };

interface Version {
  provider: string;
  version: string;
  email: string | null;
  first_seen: string;
  last_seen: string;
}

/** Each account's row version (xmin changes whenever the row is rewritten) and what it says. */
const accounts = () =>
  queryRows<Version>(
    db.url,
    `select provider, xmin::text as version, email, to_char(first_seen at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as first_seen,
            to_char(last_seen at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as last_seen
       from accounts order by provider`,
  );

describe('accounts an import names again', () => {
  let before: Version[];

  beforeAll(async () => {
    const file = writeCsv(
      dir.path,
      'first.csv',
      [
        HEADER,
        '2024-05-01 10:00,star,github,github,taro-y,taro@example.com,Taro,r1',
        '2024-05-10 10:00,comment,github,github,taro-y,taro@example.com,Taro,r2',
        '2024-05-02 10:00,post,x,x,hanako_s,,Hanako,r3',
      ].join('\n'),
    );
    expect(await importFile(db.core, file, zone)).toMatchObject({ status: 'succeeded', inserted: { accounts: 2 } });
    before = await accounts();
  });

  it('leaves an account untouched when a new row says nothing new about it', async () => {
    // Inside the known span, same handle and email: a new activity, nothing new about the account.
    const file = writeCsv(
      dir.path,
      'same.csv',
      [HEADER, '2024-05-05 10:00,comment,github,github,taro-y,taro@example.com,Taro,r4'].join('\n'),
    );
    const job = await importFile(db.core, file, zone);
    expect(job).toMatchObject({ status: 'succeeded', inserted: { activities: 1, accounts: 0 } });
    expect(await accounts()).toEqual(before);
  });

  it('still updates an account the file tells something new (a later sighting, a new email)', async () => {
    const file = writeCsv(
      dir.path,
      'newer.csv',
      [HEADER, '2024-06-01 10:00,comment,github,github,taro-y,taro.yamada@example.net,Taro,r5'].join('\n'),
    );
    expect(await importFile(db.core, file, zone)).toMatchObject({ status: 'succeeded', inserted: { activities: 1, accounts: 0 } });
    const after = await accounts();
    const github = after.find((a) => a.provider === 'github')!;
    const old = before.find((a) => a.provider === 'github')!;
    expect(github.version).not.toBe(old.version);
    expect(github).toMatchObject({ email: 'taro.yamada@example.net', first_seen: old.first_seen, last_seen: '2024-06-01 01:00' });
    // The account the file did not name is not rewritten either.
    expect(after.find((a) => a.provider === 'x')).toEqual(before.find((a) => a.provider === 'x'));
  });

  it('moves first_seen back for an earlier sighting', async () => {
    const file = writeCsv(dir.path, 'earlier.csv', [HEADER, '2024-04-01 09:00,star,x,x,hanako_s,,,r6'].join('\n'));
    expect(await importFile(db.core, file, zone)).toMatchObject({ status: 'succeeded' });
    const x = (await accounts()).find((a) => a.provider === 'x')!;
    expect(x.first_seen).toBe('2024-04-01 00:00');
  });
});
