/**
 * The breakdowns (issue 13 §4) in Chromium against `drm serve` on the sample
 * data: choose "Break down by" on the Funnel page, see the table with the
 * core's numbers, reload and find it kept from the address; the ROI view by
 * channel; then the Funnel page's breakdown in Japanese.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { callApi, useServedSample } from './serve';

const app = useServedSample();

const call = <T>(request: APIRequestContext, channel: string, input: object = {}) => callApi<T>(request, app, channel, input);

// The sample's activities run from April 2024 to March 2025.
const FROM = '2024-04-01';
const TO = '2025-04-01';
const PERIOD = `period=custom&from=${FROM}&to=${TO}`;

interface FunnelBreakdown {
  rows: { value: string | null; stages: { atOrBeyond: number }[] }[];
}
interface RoiBreakdown {
  rows: { value: string | null; campaigns: number }[];
}

test('break the funnel down by UTM source, keep it on reload, and break ROI down by channel', async ({ page, request }, testInfo) => {
  const report = await call<FunnelBreakdown>(request, 'analytics:get-funnel-breakdown', { from: FROM, to: TO, by: 'utm_source' });
  const top = report.rows.find((r) => r.value !== null)!;
  expect(top, 'the sample has clicks with a utm_source').toBeDefined();

  await page.goto(`${app.url}#/funnel?${PERIOD}`);
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  await page.getByRole('combobox', { name: 'Break down by' }).selectOption({ label: 'UTM source' });
  await expect(page).toHaveURL(/by=utm_source/);
  const breakdown = page.getByTestId('funnel-breakdown');
  await expect(breakdown.getByRole('heading', { name: 'Funnel by UTM source' })).toBeVisible();
  const table = breakdown.getByRole('table', { name: 'Funnel by UTM source' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: top.value!, exact: true }) });
  await expect(row.getByRole('cell').first()).toHaveText(top.stages[0]!.atOrBeyond.toLocaleString('en-US'));
  await expect(table.getByRole('rowheader', { name: '(none)', exact: true })).toBeVisible();
  await expect(breakdown.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('funnel-breakdown-en.png'), fullPage: true });

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Break down by' })).toHaveValue('utm_source');
  await expect(page.getByTestId('funnel-breakdown').getByRole('heading', { name: 'Funnel by UTM source' })).toBeVisible();

  const roi = await call<RoiBreakdown>(request, 'campaigns:get-roi-breakdown', { by: 'channel' });
  const channel = roi.rows.find((r) => r.value !== null)!;
  await page.goto(`${app.url}#/campaigns?by=channel`);
  const roiView = page.getByTestId('roi-breakdown');
  await expect(roiView.getByRole('heading', { name: 'ROI by channel' })).toBeVisible();
  const roiRow = roiView.getByRole('row').filter({ has: page.getByRole('rowheader', { name: channel.value!, exact: true }) });
  await expect(roiRow.getByRole('cell').first()).toHaveText(String(channel.campaigns));
  await page.screenshot({ path: testInfo.outputPath('roi-breakdown-en.png'), fullPage: true });
});

test('the breakdown in Japanese', async ({ page, request }, testInfo) => {
  await call(request, 'settings:update', { language: 'ja' });
  try {
    await page.goto(`${app.url}#/funnel?${PERIOD}&by=channel`);
    await expect(page.getByRole('combobox', { name: '内訳' })).toHaveValue('channel');
    const breakdown = page.getByTestId('funnel-breakdown');
    await expect(breakdown.getByRole('heading', { name: 'チャネル別のファネル' })).toBeVisible();
    await expect(breakdown.getByRole('rowheader', { name: '（なし）', exact: true })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('funnel-breakdown-ja.png'), fullPage: true });
  } finally {
    await call(request, 'settings:update', { language: null });
  }
});
