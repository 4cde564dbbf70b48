/**
 * A visitor's whole way, as issue 13 tells it: a click served by
 * `shortlinks serve` (anonymous, with a drm_cid cookie), a sign-up CSV row
 * carrying that click id, and the click is the person's, counted in the
 * funnel from its day. A click served AFTER the link goes to the person
 * straight away, marked as the link's, so unlinking gives back both clicks
 * and the sign-up stays. The derived tables equal a rebuild after each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedirectServer, type RedirectServer } from '../../src-main/redirect/server';
import { useCoreOnTestDatabase } from '../helpers/database';
import { rebuildChanges } from '../helpers/derived';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('click-to-signup');
const db = useCoreOnTestDatabase();
let server: RedirectServer;

beforeAll(async () => {
  await call(db.core, 'settings:update', { timeZoneSetting: 'UTC' });
  await call(db.core, 'shortlinks:create', { targetUrl: 'https://example.com/signup', key: 'join' });
  server = await startRedirectServer({ core: db.core, port: 0, batch: { intervalMs: 3_600_000 }, log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  dir.remove();
});

/** One served click; returns the click id the server gave (from the drm_cid it appended). */
async function click(cookie?: string): Promise<string> {
  const response = await fetch(new URL('/join', server.url), {
    redirect: 'manual',
    headers: cookie ? { cookie: `drm_cid=${cookie}` } : {},
  });
  expect(response.status).toBe(302);
  await server.flush();
  return new URL(response.headers.get('location')!).searchParams.get('drm_cid')!;
}

const clicks = () =>
  queryRows<{ owner: string | null; linked: boolean }>(
    db.url,
    `select d.primary_email::text as owner, a.metadata ? 'drm_link' as linked
       from activities a left join developers d on d.developer_id = a.developer_id
      where a.action = 'click' order by a.occurred_at`,
  );

const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const funnel = () => call(db.core, 'analytics:get-funnel', { from: today, to: tomorrow });

describe('a served click, then the sign-up that carries its click id', () => {
  it('makes the click the person’s, and the next served click theirs at once; unlinking gives both back', async () => {
    const cid = await click();
    expect(await clicks()).toEqual([{ owner: null, linked: false }]);
    const anonymousBefore = (await funnel()).anonymous;
    expect(anonymousBefore).toBeGreaterThan(0);

    const signup = `occurred_at,action,source,email,drm_cid\n${new Date().toISOString()},signup,web,mei@example.com,${cid}\n`;
    const job = await importFile(db.core, writeCsv(dir.path, 'signup.csv', signup), { type: 'activities', options: { timezone: 'UTC' } });
    expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
    expect(await clicks()).toEqual([{ owner: 'mei@example.com', linked: true }]);
    const after = await funnel();
    expect(after.anonymous).toBeLessThan(anonymousBefore);
    expect(after.stages.find((s) => s.key === 'awareness')!.reached).toBe(1);
    expect(await rebuildChanges(db.url)).toEqual([]);

    // The same browser comes back: its click is Mei's from the start.
    expect(await click(cid)).toBe(cid);
    expect(await clicks()).toEqual([
      { owner: 'mei@example.com', linked: true },
      { owner: 'mei@example.com', linked: true },
    ]);
    expect(await rebuildChanges(db.url)).toEqual([]);

    const mei = await developerId(db.url, 'mei@example.com');
    const unlinked = await call(db.core, 'developers:unlink-identifier', { developerId: mei, kind: 'click_id', value: cid });
    expect(unlinked.activities).toBe(2);
    expect(await clicks()).toEqual([
      { owner: null, linked: false },
      { owner: null, linked: false },
    ]);
    const signups = await queryRows<{ n: string }>(
      db.url,
      "select count(*)::text as n from activities where action = 'signup' and developer_id = $1",
      [mei],
    );
    expect(signups).toEqual([{ n: '1' }]);
    expect(await rebuildChanges(db.url)).toEqual([]);
  });
});
