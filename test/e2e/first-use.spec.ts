/**
 * What a new user tripped on (issue 11, section 2), in the browser: each
 * check here failed before its fix.
 */
import { expect, test, type Page } from '@playwright/test';
import { callApi, useServedSample } from './serve';

const app = useServedSample();

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

test('unticking analytics consent asks first and says it was saved (defect 16)', async ({ page, request }) => {
  const { rows } = await callApi<{ rows: { developerId: string; displayName: string | null; consentAnalytics: boolean }[] }>(
    request,
    app,
    'developers:list',
    { pageSize: 50 },
  );
  const target = rows.find((r) => r.consentAnalytics && r.displayName)!;
  await page.goto(`${app.url}#/developers/${target.developerId}`);
  const consent = page.getByRole('checkbox', { name: 'Consents to analytics' });
  await expect(consent).toBeChecked();

  await consent.click();
  const dialog = page.getByRole('dialog', { name: `Exclude ${target.displayName} from analytics?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(consent).toBeChecked();

  await consent.click();
  await dialog.getByRole('button', { name: 'Exclude from analytics' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved: ${target.displayName} is excluded from analytics.` })).toBeVisible();
  await expect(consent).not.toBeChecked();

  await consent.click();
  await expect(page.getByRole('status').filter({ hasText: `Saved: ${target.displayName} counts in analytics.` })).toBeVisible();
  await expect(consent).toBeChecked();
});

test('focus and navigation: no ring around the page heading, the drill-down in view, Back closes it (defect 15)', async ({ page }) => {
  await page.goto(`${app.url}#/overview`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  // Keyboard navigation moves focus to the new page's heading, which shows no 550 px focus box.
  await page.getByRole('navigation').getByRole('link', { name: 'Funnel' }).focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: 'Funnel' });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveCSS('outline-style', 'none');

  await page.goto(`${app.url}#/funnel?period=custom&from=2024-04-01&to=2025-04-01`);
  await page.setViewportSize({ width: 1280, height: 600 });
  const table = page.getByTestId('funnel-table');
  await table.getByRole('button', { name: 'List the developers of Awareness' }).click();
  const list = page.getByTestId('funnel-developers');
  await expect(list.getByRole('heading', { name: 'Developers at or beyond Awareness' })).toBeInViewport();

  await page.goBack();
  await expect(list).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Funnel' })).toBeVisible();
  expect(page.url()).toContain('#/funnel');
});

test('charts: round count ticks and a labelled right axis on the campaign trend (defect 13)', async ({ page, request }) => {
  // The funnel is drawn as a funnel (each step labelled with its count), so the trend's count axis carries the ticks.
  await page.goto(`${app.url}#/overview?period=custom&from=2024-04-01&to=2025-04-01`);
  const ticks = page.getByTestId('overview-trend').locator('.recharts-yAxis-tick-labels text');
  await expect(ticks.first()).toBeVisible();
  const values = (await ticks.allTextContents()).map((text) => Number(text.replace(/[^\d]/g, '')));
  const step = values[1]! - values[0]!;
  expect(values[0]).toBe(0);
  expect([1, 2, 2.5, 5]).toContain(step / 10 ** Math.floor(Math.log10(step)));
  for (const [i, v] of values.entries()) expect(v).toBe(i * step);

  const { rows } = await callApi<{ rows: { campaignId: string }[] }>(request, app, 'campaigns:get-roi', {});
  await page.goto(`${app.url}#/campaigns/${rows[0]!.campaignId}`);
  const overTime = page.getByTestId('campaign-over-time');
  // The legend is HTML beside the chart: in the drawing, the word is the axis' label.
  await expect(overTime.locator('svg text').filter({ hasText: /^Conversions$/ })).toHaveCount(1);
});
