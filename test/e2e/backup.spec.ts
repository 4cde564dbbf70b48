/**
 * Settings → Backups in Chromium against `drm serve`: the empty state, Back
 * up now (the backup is listed), a campaign deleted, then Restore… with a
 * confirmation naming what is replaced, and the campaign is back on every
 * page; Show in folder gives the path in a browser; the Status page links here.
 */
import { expect, test } from '@playwright/test';
import { callApi, serve, type Served } from './serve';

let app: Served;

test.beforeAll(async ({ request }) => {
  app = await serve();
  for (const name of ['Spring Meetup', 'Docs Sprint']) await callApi(request, app, 'campaigns:create', { name });
});

test.afterAll(async () => {
  await app?.stop();
});

test('back up now, delete a campaign, restore the backup: the campaign is back', async ({ page, request }, testInfo) => {
  await page.goto(`${app.url}#/settings`);
  const section = page.getByRole('region', { name: 'Backups' });
  await expect(section.getByRole('heading', { name: 'No backups yet' })).toBeVisible();
  await expect(section.getByTestId('backup-folder')).toContainText(`${app.dataDir}/backups`);

  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Backed up to' })).toBeVisible();
  const rows = section.getByTestId('backup-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('By hand');
  await page.screenshot({ path: testInfo.outputPath('backup-listed-en.png'), fullPage: true });

  // In a browser the path is shown to copy; nothing opens on the server.
  await rows
    .first()
    .getByRole('button', { name: /^Show the backup made .* in its folder$/ })
    .click();
  await expect(section.getByTestId('backup-path')).toContainText(/\.drmbackup$/);

  const campaigns = await callApi<{ campaignId: string; name: string }[]>(request, app, 'campaigns:list', {});
  const victim = campaigns.find((c) => c.name === 'Docs Sprint')!;
  await callApi(request, app, 'campaigns:delete', { campaignId: victim.campaignId });

  await rows
    .first()
    .getByRole('button', { name: /^Restore the backup made / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog.getByTestId('now-campaigns')).toHaveText('1');
  await expect(dialog.getByTestId('backup-campaigns')).toHaveText('2');
  await page.screenshot({ path: testInfo.outputPath('backup-confirm-en.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Replace all data and restore' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(section.getByRole('status').filter({ hasText: 'Restored the backup made' })).toBeVisible();
  // The replaced data was backed up first, and is listed.
  await expect(rows).toHaveCount(2);
  await expect(section).toContainText('Before a restore');

  await page.goto(`${app.url}#/campaigns`);
  await expect(page.getByRole('link', { name: 'Docs Sprint' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Spring Meetup' })).toBeVisible();
});

test('the Status page says when the last backup was made and links to Backups', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/status`);
  const summary = page.getByRole('region', { name: 'Backups' });
  await expect(summary.getByTestId('last-backup')).not.toHaveText('None yet');
  await page.screenshot({ path: testInfo.outputPath('backup-status-en.png'), fullPage: true });
  await summary.getByRole('link', { name: 'Manage backups' }).click();
  await expect(page).toHaveURL(/#\/settings\/backups$/);
  await expect(page.getByRole('region', { name: 'Backups' }).getByRole('button', { name: 'Back up now' })).toBeInViewport();
});

test('Settings → Backups in Japanese, by keyboard', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/settings`);
  await page
    .getByRole('combobox', { name: /Language|言語/ })
    .first()
    .selectOption('ja');
  const section = page.getByRole('region', { name: 'バックアップ' });
  const rows = section.getByTestId('backup-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  const backUp = section.getByRole('button', { name: '今すぐバックアップ' });
  await backUp.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('status').filter({ hasText: 'にバックアップしました' })).toBeVisible();
  await expect(rows).toHaveCount(before + 1);
  await page.screenshot({ path: testInfo.outputPath('backup-ja.png'), fullPage: true });
});

test('with a second tenant in the folder, a restore says it replaces every tenant', async ({ page, request }, testInfo) => {
  // Last in this file: the folder keeps the tenant.
  await callApi(request, app, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
  await page.goto(`${app.url}#/settings`);
  await page
    .getByRole('combobox', { name: /Language|言語/ })
    .first()
    .selectOption('en');
  const section = page.getByRole('region', { name: 'Backups' });
  await section
    .getByTestId('backup-row')
    .first()
    .getByRole('button', { name: /^Restore the backup made / })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('This folder holds 2 tenants, and its backups hold them all');
  await expect(dialog.getByRole('columnheader', { name: 'Now (this tenant)' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('backup-confirm-tenants-en.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
