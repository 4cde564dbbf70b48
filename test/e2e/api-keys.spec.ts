/**
 * Settings → API keys in Chromium against `drm serve`: create a key, see it
 * once, use it with the HTTP API from the test, see its last use in the
 * list, revoke it after a confirm, and see it refused.
 */
import { expect, test } from '@playwright/test';
import { serve, type Served } from './serve';

let app: Served;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await serve();
});
test.afterAll(async () => {
  await app?.stop();
});

test('create an API key, see it once, use it, see "last used", revoke it', async ({ page, request }) => {
  await page.goto(`${app.url}#/settings`);
  const section = page.getByRole('region', { name: 'API keys' });
  await expect(section.getByText('No API keys yet.')).toBeVisible();
  await section.getByRole('textbox', { name: 'Name' }).fill('Playwright ingest');
  await section.getByRole('checkbox', { name: /^read/ }).check();
  await section.getByRole('button', { name: 'Create API key' }).click();

  const dialog = page.getByRole('dialog', { name: 'Your new API key' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('you will not see it again');
  const key = await dialog.getByTestId('new-api-key').inputValue();
  expect(key).toMatch(/^drm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain(key);

  const row = section.getByTestId('api-key-row').filter({ hasText: 'Playwright ingest' });
  await expect(row).toContainText(`${key.slice(0, 13)}…`);
  await expect(row.getByTestId('api-key-last-used')).toHaveText('Never');

  const posted = await request.post(`${app.origin}/api/v1/activities`, {
    headers: { Authorization: `Bearer ${key}` },
    data: [{ occurred_at: '2026-04-18T19:00:00+09:00', action: 'signup', email: 'e2e@example.com' }],
  });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toMatchObject({ received: 1, inserted: { activities: 1 } });

  await page.reload();
  await expect(row.getByTestId('api-key-last-used')).not.toHaveText('Never');

  await row.getByRole('button', { name: 'Revoke Playwright ingest' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke Playwright ingest?' });
  await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Revoked Playwright ingest.' })).toBeVisible();
  await expect(row).toContainText('Revoked');
  const refused = await request.get(`${app.origin}/api/v1/developers/e2e%40example.com`, { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});
