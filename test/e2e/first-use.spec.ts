/**
 * What a new user tripped on (issue 11, section 2), in the browser: each
 * check here failed before its fix.
 */
import { expect, test, type Page } from '@playwright/test';
import { callApi, serve, type Served } from './serve';

let app: Served;

test.beforeAll(async () => {
  app = await serve();
});

test.afterAll(async () => {
  await app?.stop();
});

/** Whether a select shows its chosen option in full: as wide as it would be with no width limit. */
const showsInFull = (page: Page, name: string | RegExp): Promise<boolean> =>
  page.getByRole('combobox', { name }).evaluate((select: { getBoundingClientRect(): { width: number }; style: { maxWidth: string } }) => {
    const shown = select.getBoundingClientRect().width;
    const limit = select.style.maxWidth;
    select.style.maxWidth = 'none';
    const natural = select.getBoundingClientRect().width;
    select.style.maxWidth = limit;
    return shown >= natural - 0.5;
  });

test('the Japanese time-zone select is not truncated (defect 10)', async ({ page, request }) => {
  await callApi(request, app, 'settings:update', { language: 'ja' });
  try {
    await page.goto(`${app.url}#/settings`);
    await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeVisible();
    const zone = page.getByRole('combobox', { name: '日付の区切りに使うタイムゾーン' });
    await expect(zone).toBeVisible();
    await expect(zone.locator('option:checked')).toContainText('コンピューターに合わせる');
    expect(await showsInFull(page, '日付の区切りに使うタイムゾーン')).toBe(true);
  } finally {
    await callApi(request, app, 'settings:update', { language: 'en' });
  }
});

test('the Campaigns page names the conversion stage by its title, not its key (defect 3)', async ({ page, request }) => {
  await callApi(request, app, 'campaigns:create', { name: 'Spring meetup' });
  await callApi(request, app, 'settings:update', { language: 'ja' });
  try {
    await page.goto(`${app.url}#/campaigns`);
    await expect(page.getByRole('heading', { level: 1, name: 'キャンペーン' })).toBeVisible();
    await expect(page.getByText(/コンバージョンは「利用」ステージ/)).toBeVisible();
    await expect(page.getByText(/「adoption」/)).toHaveCount(0);
  } finally {
    await callApi(request, app, 'settings:update', { language: 'en' });
  }
});
