/**
 * Import errors a user can act on (issue 11, defects 1 and 2), in Chromium
 * against `drm serve`: a file whose every row lacks a resource category is
 * flagged in the mapping step and in the check of its first rows, and if
 * started anyway stops early with a summary; in Japanese, the rejected rows'
 * reasons are Japanese in the table and in the downloaded CSV.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { callApi, serve, type Served } from './serve';

let app: Served;

test.beforeAll(async () => {
  app = await serve();
});

test.afterAll(async () => {
  await app?.stop();
});

// 1,500 rows, each with a resource title and no resource_category column.
const NO_CATEGORY_CSV = [
  'occurred_at,action,source,email,resource_title',
  ...Array.from({ length: 1_500 }, (_, i) => `2024-07-01 10:00,view,web,user${i}@example.com,Getting started ${i % 5}`),
].join('\n');

// Line 3 (the header is line 1) has a date nobody can read.
const BAD_CSV = ['occurred_at,action,source,email', '2024-07-03 10:00,view,web,a@example.jp', '先週のどこか,view,web,b@example.jp'].join(
  '\n',
);

const choose = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test('a resource title without its category is flagged before the start, and the import stops early', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/import`);
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles(choose('no-category.csv', NO_CATEGORY_CSV));

  await expect(page.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('activities');
  // The mapping step: the companion rule of the format, before anything runs.
  const warning = page.getByTestId('companion-warnings');
  await expect(warning).toContainText('resource_title has a column but resource_category has none');
  // The first rows through the import's own row parser.
  await expect(page.getByTestId('sample-check')).toContainText('The first 20 rows have 20 errors');
  await expect(page.getByRole('table', { name: 'Errors in the first rows' })).toContainText(
    'resource_category is required when resource_title is given',
  );
  await page.screenshot({ path: testInfo.outputPath('import-companion-warning.png'), fullPage: true });

  // Started anyway: rejected once 1,000 rows had the problem, with a summary.
  await page.getByRole('button', { name: 'Start import' }).click();
  const panel = page.locator('section.job-panel');
  await expect(panel.getByTestId('import-result')).toHaveText('Nothing was imported; fix the rows below and import again.', {
    timeout: 60_000,
  });
  const stop = panel.getByTestId('import-early-stop');
  await expect(stop).toContainText('1,000 rows had the same problem by line');
  await expect(stop.getByRole('listitem')).toHaveCount(1);
  await expect(stop.getByRole('listitem')).toContainText(/^[\d,]+ rows: resource_category is required when resource_title is given/);
  await page.screenshot({ path: testInfo.outputPath('import-early-stop.png'), fullPage: true });

  const jobs = await callApi<{ status: string; message: string | null }[]>(page.request, app, 'import:list-jobs');
  expect(jobs[0]).toMatchObject({
    status: 'rejected',
    message: expect.stringMatching(/^Stopped after [\d,]+ rows: 1,000 rows had the same problem/),
  });
});

test('in Japanese, the rejected rows’ reasons are Japanese in the table and in the downloaded CSV', async ({ page }, testInfo) => {
  await callApi(page.request, app, 'settings:update', { language: 'ja' });
  try {
    await page.goto(`${app.url}#/import`);
    await expect(page.getByRole('heading', { level: 1, name: 'インポート' })).toBeVisible();
    await page.locator('input[type=file]').setInputFiles(choose('activities-bad.csv', BAD_CSV));
    await expect(page.getByTestId('sample-check')).toContainText('先頭の 2 行に 1 件のエラーがあります');
    await page.getByRole('button', { name: 'インポート開始' }).click();

    const panel = page.locator('section.job-panel');
    const errors = panel.getByRole('table', { name: 'エラーのある行' });
    const bad = errors.getByRole('row').filter({ hasText: 'occurred_at' }).first();
    await expect(bad).toBeVisible({ timeout: 60_000 });
    const cells = bad.getByRole('cell');
    await expect(cells.nth(0)).toHaveText('3');
    await expect(cells.nth(2)).toHaveText(/^日時として読めません。/);
    await expect(errors).not.toContainText('expected a date');
    await page.screenshot({ path: testInfo.outputPath('import-errors-ja.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'エラーのある行を CSV でダウンロード' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.startsWith('\uFEFF行番号,列,理由,値\r\n')).toBe(true);
    expect(csv).toMatch(/\r\n3,occurred_at,日時として読めません。[^\r\n]*,先週のどこか\r\n/);
    expect(csv).not.toContain('expected a date');
  } finally {
    await callApi(page.request, app, 'settings:update', { language: 'en' });
  }
});
