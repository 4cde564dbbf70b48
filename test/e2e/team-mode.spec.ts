/**
 * Issue 14's "Done when", in Chromium against `drm serve --team` on Debian's
 * PostgreSQL: sign in, import a CSV, see only your tenant's developers (a
 * second tenant holds overlapping data: the same email), create an API key
 * in Settings, ingest through POST /api/v1/activities with it, and receive
 * the import's webhook notification on a local receiver. And a user replaces
 * the one-time password the operator gave them, with the keyboard alone.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { createTeamDatabase, startSystemPostgres, type SystemPostgres } from '../helpers/system-postgres';
import { run } from '../helpers/cli';
import { dropFile } from './drop-file';
import { startDrm, type Started } from './serve';

const CSV = [
  'occurred_at,action,source,provider,handle,email,display_name',
  '2024-07-01 10:00,register,connpass,connpass,taro_y,taro@example.com,山田 太郎',
  '2024-07-02 09:15,star,github,github,hanako-s,hanako@example.jp,佐藤 花子',
].join('\r\n');
const ACME_CSV = [
  'occurred_at,action,source,provider,handle,email,display_name',
  '2024-07-01 10:00,register,connpass,connpass,taro_y,taro@example.com,Taro at Acme',
  '2024-07-03 11:00,register,connpass,connpass,acme_only,only@acme.example,Acme Only',
].join('\n');
const SECRET = 'a-webhook-signing-secret';

let database: SystemPostgres;
let url: string;
let server: Started;
let receiver: Receiver;
let folder: string;
let password: string;

const drm = async (...args: string[]) => {
  const res = await run(process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, '..', '..', 'src-main', 'cli.ts'),
    ...args,
    '--database-url',
    url,
  ]);
  if (res.code !== 0) throw new Error(`drm ${args.join(' ')} exited ${res.code}: ${res.stderr}`);
  return res.stdout;
};

test.beforeAll(async () => {
  test.setTimeout(300_000);
  database = await startSystemPostgres();
  url = await createTeamDatabase(database, 'drm_e2e');
  folder = mkdtempSync(join(tmpdir(), 'drm-team-e2e-'));
  await drm('tenants', 'create', 'acme', '--name', 'Acme');
  writeFileSync(join(folder, 'acme.csv'), ACME_CSV);
  await drm('import', join(folder, 'acme.csv'), '--tenant', 'acme');
  password = (JSON.parse(await drm('users', 'add', 'hanako@team.example', '--name', 'Hanako', '--json')) as { password: string }).password;
  await drm('users', 'add', 'taro@team.example', '--tenant', 'acme');
  receiver = await startReceiver();
  server = await startDrm(['serve', '--team', '--port', '0', '--database-url', url], /serving on (http:\/\/\S+)/);
});

test.afterAll(async () => {
  await server?.stop('SIGINT');
  await receiver?.close();
  await database?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('sign in, import, see only your tenant, create an API key, ingest with it, get the webhook', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to DRM Desktop' })).toBeVisible();
  await page.getByLabel('Email').fill('hanako@team.example');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password. Check both and try again.');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Signed in as Hanako · workspace default');

  // A webhook for finished imports, in this tenant (the page's session cookie goes with the request).
  const saved = await page.request.post(`${new URL(server.url).origin}/api/notifications:save-channel`, {
    data: { kind: 'webhook', name: 'e2e hook', target: receiver.url(), secret: SECRET, events: ['import.finished'] },
  });
  expect((await saved.json()) as { ok: boolean }).toMatchObject({ ok: true });

  await page.goto(`${server.url}#/import`);
  // The drop target exists once the page has rendered (on a loaded machine, after the first paint).
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await dropFile(page, 'activities.csv', CSV);
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.locator('section.job-panel').getByTestId('import-result')).toContainText('Imported.', { timeout: 60_000 });

  await page.goto(`${server.url}#/developers`);
  await expect(page.getByText('佐藤 花子')).toBeVisible();
  await expect(page.getByText('山田 太郎')).toBeVisible();
  await expect(page.getByText('Acme Only')).toHaveCount(0);
  await expect(page.getByText('Taro at Acme')).toHaveCount(0);

  await page.goto(`${server.url}#/settings`);
  const section = page.getByRole('region', { name: 'API keys' });
  await section.getByRole('textbox', { name: 'Name' }).fill('team ingest');
  await section.getByRole('checkbox', { name: /^ingest/ }).check();
  await section.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your new API key' });
  const key = await dialog.getByTestId('new-api-key').inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const before = receiver.received.length;
  const posted = await page.request.post(`${new URL(server.url).origin}/api/v1/activities`, {
    headers: { Authorization: `Bearer ${key}` },
    data: [{ occurred_at: '2026-04-18T19:00:00+09:00', action: 'signup', email: 'via-api@example.com' }],
  });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toMatchObject({ received: 1, inserted: { activities: 1 } });

  await expect
    .poll(() => receiver.received.slice(before).some((r) => r.body.includes('POST /api/v1/activities')), { timeout: 60_000 })
    .toBe(true);
  const hook = receiver.received.slice(before).find((r) => r.body.includes('POST /api/v1/activities'))!;
  expect(hook.headers['x-drm-event']).toBe('import.finished');
  const signed = createHmac('sha256', SECRET)
    .update(`${String(hook.headers['x-drm-timestamp'])}.${hook.body}`)
    .digest('hex');
  expect(hook.headers['x-drm-signature']).toBe(`sha256=${signed}`);

  // Signing out returns to the sign-in page, and the channels refuse the old session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to DRM Desktop' })).toBeVisible();
});

test('a session that ends while the page is open goes back to the sign-in page', async ({ page }) => {
  await page.goto(server.url);
  await page.getByLabel('Email').fill('hanako@team.example');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
  await page.evaluate("location.hash = '#/developers'");
  await expect(page.getByText('佐藤 花子')).toBeVisible();

  // Ended elsewhere (another tab signing out shares this cookie): the page's next calls are refused.
  const ended = await page.request.post(`${new URL(server.url).origin}/auth/sign-out`, { data: {} });
  expect(ended.ok()).toBe(true);
  await page.evaluate("location.hash = '#/campaigns'");
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to DRM Desktop' })).toBeVisible();
  await expect(page.getByText(/not authorised/i)).toHaveCount(0);
});

test('change your own password from the signed-in bar, with the keyboard, then sign in with the new one', async ({ page }) => {
  test.setTimeout(120_000);
  const given = (JSON.parse(await drm('users', 'add', 'kenji@team.example', '--name', 'Kenji', '--json')) as { password: string }).password;
  const chosen = 'correct horse battery staple';
  await page.goto(server.url);
  await page.getByLabel('Email').fill('kenji@team.example');
  await page.getByLabel('Password').fill(given);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Signed in as Kenji · workspace default');

  // The bar's button opens the panel; its first field takes the focus.
  const open = page.getByRole('button', { name: 'Change password' });
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: 'Change your password' });
  const current = panel.getByLabel('Current password', { exact: true });
  const fresh = panel.getByLabel('New password', { exact: true });
  const confirm = panel.getByLabel('Confirm new password', { exact: true });
  await expect(current).toBeFocused();

  // A wrong current password: said beside it, emptied and focused again; the new password stays typed.
  await page.keyboard.type('not-my-password');
  await page.keyboard.press('Tab');
  await expect(fresh).toBeFocused();
  await page.keyboard.type(chosen);
  await page.keyboard.press('Tab');
  await page.keyboard.type(chosen);
  await page.keyboard.press('Enter');
  await expect(panel.getByText('Wrong current password. Type the password you signed in with, then try again.')).toBeVisible();
  await expect(current).toBeFocused();
  await expect(current).toHaveValue('');
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(fresh).toHaveValue(chosen);
  await expect(confirm).toHaveValue(chosen);

  await page.keyboard.type(given);
  await page.keyboard.press('Enter');
  const done = panel.getByTestId('password-changed');
  await expect(done).toHaveText('Your password is changed. Use the new one the next time you sign in.');
  await expect(done).toBeFocused();
  await expect(current).toHaveValue('');
  // Escape closes the panel and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(open).toBeFocused();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to DRM Desktop' })).toBeVisible();
  await page.getByLabel('Email').fill('kenji@team.example');
  await page.getByLabel('Password').fill(given);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password. Check both and try again.');
  await page.getByLabel('Password').fill(chosen);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByTestId('signed-in-user')).toHaveText('Signed in as Kenji · workspace default');
});
