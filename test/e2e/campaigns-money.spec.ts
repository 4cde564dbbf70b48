/**
 * Mixed-currency ROI on the Campaigns page (issue 11), in Japanese and in
 * English, on the bundled sample: "Webinar: はじめての Hikari API" spent
 * ¥80,000 (2024-09) and $559.61 (2024-10). With a value per conversion of
 * ¥10,000 it used to show ROI +293.8 % from its yen alone. Now it names the
 * missing USD rate, with a link that opens Settings' rate form filled in;
 * once the rate is saved its cost is ¥80,000 + $559.61 × 150 = ¥163,941.5
 * and its ROI counts all of it. The list's plan vs spent, totals row, sort
 * and ROI chart are there; "conversions per unit of cost" is not (defect 11).
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { callApi, loadSample, serve, type Served } from './serve';

let app: Served;

const call = <T>(request: APIRequestContext, channel: string, input: object = {}) => callApi<T>(request, app, channel, input);

const WEBINAR = 'Webinar: はじめての Hikari API';

interface CampaignRoi {
  campaign: string;
  costReporting: number | null;
  conversions: number;
  roiPercent: number | null;
  missingRates: { currency: string; month: string }[];
}

const webinar = async (request: APIRequestContext) =>
  (await call<{ campaigns: CampaignRoi[] }>(request, 'campaigns:get-roi', {})).campaigns.find((c) => c.campaign === WEBINAR)!;

const percent = (locale: string, n: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(n / 100);
const yen = (locale: string, n: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'JPY' }).format(n);

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  app = await serve();
  await loadSample(request, app);
  await call(request, 'settings:update', { valuePerConversion: 10000, language: 'ja' });
});

test.afterAll(async () => {
  await app?.stop();
});

test('a mixed-currency campaign: the missing rate named in Japanese, added from its link, then ROI for all of its cost', async ({
  page,
  request,
}, testInfo) => {
  const before = await webinar(request);
  expect(before).toMatchObject({ costReporting: null, roiPercent: null, missingRates: [{ currency: 'USD', month: '2024-10' }] });

  await page.goto(`${app.url}#/campaigns`);
  await expect(page.getByRole('heading', { level: 1, name: 'キャンペーン' })).toBeVisible();
  const table = page.getByTestId('roi-table');
  const row = table.locator(`tr[data-campaign="${WEBINAR}"]`);
  await expect(row.locator('[data-col="cost"]')).toContainText('USD 2024-10 のレートがありません');
  await expect(row.locator('[data-col="cost"]')).toContainText('￥80,000 + $559.61');
  await expect(row.locator('[data-col="roiPercent"]')).toHaveText('—');
  // Defect 11: the column that read 0.00000121 is gone; cost per conversion stays.
  await expect(table.getByRole('columnheader', { name: '費用 1 単位あたりのコンバージョン' })).toHaveCount(0);
  await expect(table.getByRole('columnheader', { name: 'コンバージョン単価' })).toBeVisible();
  await expect(page.getByTestId('roi-totals')).toContainText('合計');
  await page.screenshot({ path: testInfo.outputPath('campaigns-missing-rate-ja.png'), fullPage: true });

  // The link opens Settings with the form filled in; the rate is all that is left to type.
  await row
    .locator('[data-col="cost"]')
    .getByRole('link', { name: /追加する: USD 2024-10/ })
    .click();
  const rates = page.getByTestId('rates');
  await expect(rates.getByRole('textbox', { name: '通貨' })).toHaveValue('USD');
  await expect(rates.getByLabel('月', { exact: true })).toHaveValue('2024-10');
  await expect(rates.getByRole('textbox', { name: 'レート' })).toBeInViewport();
  await rates.getByRole('textbox', { name: 'レート' }).fill('150');
  await rates.getByRole('button', { name: 'レートを保存' }).click();
  await expect(rates.getByRole('status').first()).toHaveText('USD 2024-10: 150 を保存しました。');
  await expect(rates.getByRole('row', { name: /USD 2024-10 150 JPY/ })).toBeVisible();

  const after = await webinar(request);
  expect(after.costReporting).toBeCloseTo(80000 + 559.61 * 150, 6);
  // (10000 × conversions − 163941.5) / 163941.5 × 100: never the yen-only +293.8 %.
  expect(after.roiPercent).toBeCloseTo(((10000 * after.conversions - 163941.5) / 163941.5) * 100, 6);

  await page.goto(`${app.url}#/campaigns`);
  await expect(row.locator('[data-col="cost"]')).toContainText(yen('ja-JP', 163941.5));
  await expect(row.locator('[data-col="roiPercent"]')).toHaveText(percent('ja-JP', after.roiPercent!));
  await expect(page.getByTestId('roi-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('campaigns-roi-ja.png'), fullPage: true });
});

test('the same campaign in English, the list sorted by ROI %, and the rate deleted and restored', async ({ page, request }, testInfo) => {
  await call(request, 'settings:update', { language: 'en' });
  const after = await webinar(request);
  await page.goto(`${app.url}#/campaigns`);
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  const table = page.getByTestId('roi-table');
  const row = table.locator(`tr[data-campaign="${WEBINAR}"]`);
  await expect(row.locator('[data-col="cost"]')).toContainText(yen('en-US', 163941.5));
  await expect(row.locator('[data-col="cost"]')).toContainText('¥80,000 + $559.61');
  await expect(row.locator('[data-col="roiPercent"]')).toHaveText(percent('en-US', after.roiPercent!));
  await expect(table.getByRole('columnheader', { name: 'Conversions per unit of cost' })).toHaveCount(0);

  // Sorting: a header is a button; the order is in the address, so Back and links keep it.
  await table.getByRole('button', { name: 'ROI %' }).click();
  await expect(page).toHaveURL(/sort=roiPercent&dir=desc/);
  await expect(table.getByRole('columnheader', { name: 'ROI %' })).toHaveAttribute('aria-sort', 'descending');
  const shown = await table.locator('tbody td[data-col="roiPercent"]').allTextContents();
  const numbers = shown.filter((s) => s !== '—').map((s) => Number(s.replace(/[%,]/g, '')));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await page.screenshot({ path: testInfo.outputPath('campaigns-roi-en.png'), fullPage: true });

  // Settings: delete the rate, and undo.
  await page.goto(`${app.url}#/settings`);
  const rates = page.getByTestId('rates');
  await rates.getByRole('button', { name: 'Delete the USD rate of 2024-10' }).click();
  await expect(rates.getByText('The USD rate of 2024-10 was deleted.')).toBeVisible();
  expect((await webinar(request)).costReporting).toBeNull();
  await rates.getByRole('button', { name: 'Undo' }).click();
  await expect(rates.getByRole('row', { name: /USD 2024-10 150 JPY/ })).toBeVisible();
  expect((await webinar(request)).costReporting).toBeCloseTo(163941.5, 6);
});
