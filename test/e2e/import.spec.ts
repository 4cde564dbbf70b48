/**
 * The Import page in Chromium against `drm serve`: a CSV dropped on the window
 * is uploaded, previewed with its recognised format, imported in the
 * background with progress, summarised with its counts and listed in the
 * history; a file with a bad row is rejected with the row's line, column and
 * reason, downloadable as CSV; a spreadsheet or zip is refused in the page,
 * with what to do instead, and never uploaded.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { expect, test } from '@playwright/test';
import { dropFile } from './drop-file';
import { serve, type Served } from './serve';

const GOOD_CSV = [
  'occurred_at,action,source,provider,handle,email,display_name,organization,resource_category,resource_title,seat',
  '2024-07-01 10:00,register,connpass,connpass,taro_y,taro@example.com,山田 太郎,Example株式会社,event,TypeScript 勉強会 #1,A-1',
  '2024-07-01 19:30,attend,connpass,connpass,taro_y,taro@example.com,山田 太郎,Example株式会社,event,TypeScript 勉強会 #1,A-1',
  '2024-07-02 09:15,star,github,github,hanako-s,hanako@example.jp,佐藤 花子,,repository,example/drm,',
].join('\r\n');

// Line 3 (the header is line 1) has a date nobody can read.
const BAD_CSV = [
  'occurred_at,action,source,provider,handle',
  '2024-07-03 10:00,register,connpass,connpass,jiro',
  'sometime last week,attend,connpass,connpass,jiro',
  '2024-07-03 12:00,attend,connpass,connpass,saburo',
].join('\n');

let app: Served;

test.beforeAll(async () => {
  app = await serve();
});

test.afterAll(async () => {
  await app?.stop();
});

test('the empty Overview says nothing is imported yet without counting every table (issue 12)', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => {
    const channel = /\/api\/(system:[a-z-]+)/.exec(request.url());
    if (channel) asked.push(channel[1]!);
  });
  await page.goto(`${app.url}#/overview`);
  await expect(page.getByRole('heading', { level: 2, name: 'Nothing imported yet' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Start with sample data' })).toBeVisible();
  // The empty state comes from two exists probes; exact row counts stay on the Status page.
  expect(asked).toContain('system:get-data-presence');
  expect(asked).not.toContain('system:get-status');
});

test('a dropped CSV is previewed, imported with progress and listed in the history', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/import`);
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  // The keyboard way in exists beside the drop.
  await expect(page.getByRole('button', { name: 'Choose file…' })).toBeVisible();

  await dropFile(page, 'activities.csv', GOOD_CSV);

  await expect(page.getByTestId('preview-file')).toHaveText('activities.csv');
  await expect(page.getByTestId('preview-type')).toHaveText('Activities (app template)');
  await expect(page.getByTestId('preview-encoding')).toHaveText(/UTF-8/);
  await expect(page.getByRole('table', { name: 'First rows of the file' })).toContainText('山田 太郎');
  await expect(page.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('activities');
  await expect(page.getByRole('combobox', { name: /^Occurred at/ })).toHaveValue('occurred_at');
  await expect(page.getByRole('combobox', { name: /^Action/ })).toHaveValue('action');
  // The column no field reads is kept, and the page says so.
  await expect(page.getByTestId('unmapped-note')).toContainText('seat');
  await page.screenshot({ path: testInfo.outputPath('import-preview.png'), fullPage: true });

  await page.getByRole('button', { name: 'Start import' }).click();

  const panel = page.locator('section.job-panel');
  await expect(panel.getByRole('heading', { name: /Import of activities\.csv/ })).toBeVisible();
  // A three-row file may finish before a progress bar is ever drawn: either is fine.
  await expect(panel.getByRole('progressbar', { name: 'Import progress' }).or(panel.getByTestId('import-result'))).toBeVisible();
  await expect(panel.getByTestId('import-result')).toContainText('Imported.', { timeout: 60_000 });
  await expect(panel.getByTestId('inserted-activities')).toHaveText('3');
  await expect(panel.getByTestId('rows-rowsRead')).toHaveText('3');
  await page.screenshot({ path: testInfo.outputPath('import-summary.png'), fullPage: true });

  const history = page.getByRole('table', { name: 'Import history' });
  // Newest first: the job just run is the first row with its name.
  const row = history.getByRole('row').filter({ hasText: 'activities.csv' }).first();
  await expect(row).toContainText('Succeeded');
  await expect(row).toContainText('Activities');
  // Who imported it: `drm serve` acts as the OS account that runs it (README "Who did what").
  await expect(history.getByRole('columnheader', { name: 'By' })).toBeVisible();
  await expect(row.getByTestId('who')).toHaveText(userInfo().username);
  await expect(row.getByTestId('who')).toHaveAttribute('title', /@localhost$/);
});

test('a file with a bad row, dropped on another page, is rejected with the row’s line, column and reason', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/overview`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await dropFile(page, 'activities-bad.csv', BAD_CSV);

  // A drop anywhere opens the Import page with the file.
  await expect(page).toHaveURL(/#\/import$/);
  await expect(page.getByTestId('preview-type')).toHaveText('Activities (app template)');
  await page.getByRole('button', { name: 'Start import' }).click();

  const panel = page.locator('section.job-panel');
  await expect(panel.getByTestId('import-result')).toHaveText('Nothing was imported; fix the rows below and import again.', {
    timeout: 60_000,
  });
  const errors = panel.getByRole('table', { name: 'Rejected rows' });
  const bad = errors.getByRole('row').filter({ hasText: 'occurred_at' });
  await expect(bad.first()).toBeVisible();
  const cells = bad.first().getByRole('cell');
  await expect(cells.nth(0)).toHaveText('3');
  await expect(cells.nth(1)).toHaveText('occurred_at');
  await expect(cells.nth(2)).not.toBeEmpty();
  await expect(cells.nth(3)).toHaveText('sometime last week');
  await page.screenshot({ path: testInfo.outputPath('import-rejected.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download rejected rows as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('activities-bad-errors.csv');
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.startsWith('\uFEFFLine,Column,Reason,Value\r\n')).toBe(true);
  expect(csv).toContain('3,occurred_at,');

  const history = page.getByRole('table', { name: 'Import history' });
  await expect(history.getByRole('row').filter({ hasText: 'activities-bad.csv' }).first()).toContainText('Rejected');
});

// The first bytes of an .xlsx (any zip) and of an old .xls (an OLE2 compound file).
const ZIP_BYTES = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];
const OLE_BYTES = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00];

test('a spreadsheet or zip, dropped or chosen, is refused with what to do, never uploaded, and never offers a start', async ({
  page,
}, testInfo) => {
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/upload') uploads.push(request.url());
  });
  await page.goto(`${app.url}#/import`);
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  const alert = page.locator('section.drop-card').getByRole('alert');

  await dropFile(page, 'members.xlsx', ZIP_BYTES);
  await expect(alert).toContainText('members.xlsx is not a CSV file');
  await expect(alert).toContainText('Excel files are not supported: save it as CSV (UTF-8)');
  await expect(page.getByRole('button', { name: 'Start import' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('import-refused-excel.png'), fullPage: true });

  // Named like a CSV, but its bytes say zip (a renamed .xlsx).
  await dropFile(page, 'renamed.csv', ZIP_BYTES);
  await expect(alert).toContainText('renamed.csv is not a CSV file');
  await expect(alert).toContainText('This file is a zip archive, not CSV text');

  await dropFile(page, 'old.csv', OLE_BYTES);
  await expect(alert).toContainText('Excel files are not supported');

  // The file chooser goes through the same check.
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'budget.numbers', mimeType: 'application/octet-stream', buffer: Buffer.from(ZIP_BYTES) });
  await expect(alert).toContainText('Numbers files are not supported: export it as CSV');
  await page.locator('input[type=file]').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: Buffer.from(ZIP_BYTES) });
  await expect(alert).toContainText('Zip archives are not supported');
  await expect(page.getByRole('button', { name: 'Start import' })).toHaveCount(0);
  await expect(page.getByTestId('preview-file')).toHaveCount(0);

  // A real CSV afterwards goes through as usual.
  await dropFile(page, 'after.csv', GOOD_CSV);
  await expect(page.getByTestId('preview-file')).toHaveText('after.csv');
  await expect(alert).toHaveCount(0);
  expect(uploads).toHaveLength(1);
});

test('a file with a damaged byte stays UTF-8: the preview says why and names the line', async ({ page }) => {
  await page.goto(`${app.url}#/import`);
  const bytes = [
    ...Buffer.from(
      'occurred_at,action,source,provider,handle\n2024-07-03 10:00,star,github,github,山田\n2024-07-03 11:00,star,github,github,caf',
    ),
    0xe9,
    0x0a,
  ];
  await dropFile(page, 'damaged.csv', bytes);
  await expect(page.getByTestId('preview-encoding')).toContainText('UTF-8');
  await expect(page.getByTestId('preview-encoding-reason')).toContainText('UTF-8 text with some bytes that are not valid UTF-8');
  await expect(page.getByTestId('preview-bad-line')).toHaveText(/^Line 3 has bytes that cannot be read as UTF-8\./);
});
