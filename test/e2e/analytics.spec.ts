/**
 * The analytics pages in Chromium against `drm serve`, on the sample data
 * loaded through the app's own import: the overview (KPIs and charts, the
 * empty period's way to the data), the funnel filtered by a campaign with its
 * numbers checked against `analytics:get-funnel` and a stage's developers, a
 * campaign's ROI row, a campaign created, deleted and restored, the settings
 * page, and the overview in Japanese.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { callApi, useServedSample } from './serve';

const app = useServedSample();

const call = <T>(request: APIRequestContext, channel: string, input: object = {}) => callApi<T>(request, app, channel, input);

// The sample's activities run from April 2024 to March 2025.
const FROM = '2024-04-01';
const TO = '2025-04-01';
const PERIOD = `period=custom&from=${FROM}&to=${TO}`;

interface Stage {
  key: string;
  reached: number;
  atOrBeyond: number;
  conversionFromPrevious: number | null;
  conversionFromFirst: number | null;
  droppedOff: number | null;
}
interface Funnel {
  anonymous: number;
  stages: Stage[];
  previous?: { from: string; to: string; stages: Stage[] } | null;
}
interface Overview {
  developers: number;
  activeDevelopers: number;
  activities: number;
  funnel: Funnel;
}
interface Campaign {
  campaignId: string;
  name: string;
}
interface CampaignRoi {
  campaignId: string;
  campaign: string;
  currencyReporting: string;
  costReporting: number | null;
  actions: number;
  conversions: number;
  costPerConversion: number | null;
}

const count = (n: number) => n.toLocaleString('en-US');
const share = (n: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(n);
const weight = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);
const money = (n: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(n);

/** A chart frame drew its SVG with at least one bar (or step of a funnel). */
async function expectChart(page: Page, testId: string) {
  const frame = page.getByTestId(testId);
  await expect(frame.locator('.chart-canvas[role="img"]')).toHaveAttribute('aria-label', /\d/);
  await expect(frame.locator('svg.recharts-surface')).toBeVisible();
  await expect(frame.locator('.recharts-bar-rectangle, .recharts-trapezoid').first()).toBeVisible();
}

test('the overview: KPIs, funnel and trend, and a way out of an empty period', async ({ page, request }, testInfo) => {
  const overview = await call<Overview>(request, 'analytics:get-overview', { from: FROM, to: TO, bucket: 'month' });
  expect(overview.developers).toBeGreaterThan(0);
  expect(overview.activities).toBeGreaterThan(0);

  await page.goto(`${app.url}#/overview?${PERIOD}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('kpi-developers')).toHaveText(count(overview.developers));
  await expect(page.getByTestId('kpi-active')).toHaveText(count(overview.activeDevelopers));
  await expect(page.getByTestId('kpi-activities')).toHaveText(count(overview.activities));
  // The sample's USD costs have no rate yet: the total names the rates instead, the per-currency figures are under it.
  await expect(page.getByTestId('kpi-spend')).toContainText('Rate missing for USD 2024-07');
  await expect(page.getByTestId('kpi-spend-currencies')).toHaveText(/¥[\d,]+ · \$[\d,.]+/);
  await expectChart(page, 'overview-funnel');
  await expectChart(page, 'overview-trend');
  await expect(page.getByRole('radio', { name: 'Month' })).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('analytics-overview-en.png'), fullPage: true });

  // The numbers behind a chart, as a table and as CSV.
  const funnelFrame = page.getByTestId('overview-funnel');
  await funnelFrame.getByText('Show the numbers').click();
  await expect(funnelFrame.getByRole('table')).toContainText(count(overview.funnel.stages[0]!.atOrBeyond));
  const csv = page.waitForEvent('download');
  await funnelFrame.getByRole('button', { name: 'Save the numbers of “Funnel” as CSV' }).click();
  const file = await csv;
  expect(file.suggestedFilename()).toBe(`funnel-${FROM}-${TO}.csv`);
  expect(readFileSync((await file.path())!, 'utf8').startsWith('\uFEFFStage,At or beyond,Reached,')).toBe(true);
  const png = page.waitForEvent('download');
  await funnelFrame.getByRole('button', { name: 'Save “Funnel” as a PNG image' }).click();
  const image = readFileSync((await (await png).path())!);
  expect(image.subarray(1, 4).toString()).toBe('PNG');

  // Grouping by week keeps the period and asks again.
  await page.getByRole('radio', { name: 'Week' }).check();
  await expect(page).toHaveURL(/bucket=week/);
  await expectChart(page, 'overview-trend');

  // The default period (the last 30 days) is long after the sample: the page points at the data.
  await page.goto(`${app.url}#/overview`);
  await expect(page.getByText('There is no activity in this period.')).toBeVisible();
  await page.getByRole('button', { name: 'Show the year up to it' }).click();
  await expect(page).toHaveURL(/period=custom&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId('kpi-activities')).not.toHaveText('0');
});

test('the funnel filtered by a campaign matches analytics:get-funnel, and lists a stage’s developers', async ({
  page,
  request,
}, testInfo) => {
  const campaigns = await call<Campaign[]>(request, 'campaigns:list', {});
  const campaign = campaigns.find((c) => c.name === 'Tokyo Meetup 2024-05')!;
  expect(campaign).toBeDefined();
  const funnel = await call<Funnel>(request, 'analytics:get-funnel', {
    from: FROM,
    to: TO,
    campaignId: campaign.campaignId,
    compare: true,
  });
  expect(funnel.previous).toBeTruthy();
  expect(funnel.stages[0]!.atOrBeyond).toBeGreaterThan(0);

  await page.goto(`${app.url}#/funnel?${PERIOD}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Funnel' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Campaign' }).selectOption({ label: campaign.name });
  await expect(page).toHaveURL(new RegExp(`campaign=${campaign.campaignId}`));
  await expect(page.getByRole('heading', { name: `Developers by stage: ${campaign.name}` })).toBeVisible();

  const table = page.getByTestId('funnel-table');
  for (const stage of funnel.stages) {
    const row = table.locator(`tr[data-stage="${stage.key}"]`);
    await expect(row.locator('[data-col="atOrBeyond"]')).toHaveText(count(stage.atOrBeyond));
    await expect(row.locator('[data-col="reached"]')).toHaveText(count(stage.reached));
    await expect(row.locator('[data-col="conversion"]')).toHaveText(
      stage.conversionFromPrevious === null ? '—' : share(stage.conversionFromPrevious),
    );
    await expect(row.locator('[data-col="fromFirst"]')).toHaveText(
      stage.conversionFromFirst === null ? '—' : share(stage.conversionFromFirst),
    );
    await expect(row.locator('[data-col="droppedOff"]')).toHaveText(stage.droppedOff === null ? '—' : count(stage.droppedOff));
    const before = funnel.previous!.stages.find((s) => s.key === stage.key)!;
    await expect(row.locator('[data-col="previous"]')).toContainText(count(before.atOrBeyond));
  }
  // Drawn as a funnel: each step after the first says its share of the step above.
  const engagement = funnel.stages.find((s) => s.key === 'engagement')!;
  await expect(page.getByTestId('funnel-chart').locator('svg')).toContainText(
    `${count(engagement.atOrBeyond)} · ${share(engagement.conversionFromPrevious!)}`,
  );
  await expect(table.locator('tr[data-stage="awareness"] [data-col="anonymous"]')).toHaveText(count(funnel.anonymous));
  await expectChart(page, 'funnel-chart');
  await page.screenshot({ path: testInfo.outputPath('analytics-funnel-campaign-en.png'), fullPage: true });

  // Keyboard: the stage's button lists its developers.
  const awareness = funnel.stages.find((s) => s.key === 'awareness')!;
  await table.getByRole('button', { name: 'List the developers of Awareness' }).focus();
  await page.keyboard.press('Enter');
  const list = page.getByTestId('funnel-developers');
  await expect(list.getByRole('heading', { name: 'Developers at or beyond Awareness' })).toBeVisible();
  await expect(page.getByTestId('funnel-developers-range')).toHaveText(
    `1–${count(Math.min(50, awareness.atOrBeyond))} of ${count(awareness.atOrBeyond)}`,
  );
  await expect(list.getByRole('link').first()).toHaveAttribute('href', /^#\/developers\/[0-9a-f-]{36}$/);
  await list.getByRole('radio', { name: 'Reached the stage in the period' }).check();
  await expect(page.getByTestId('funnel-developers-range')).toHaveText(new RegExp(` of ${count(awareness.reached)}$`));
  const csv = page.waitForEvent('download');
  await list.getByRole('button', { name: 'Export CSV' }).click();
  expect((await csv).suggestedFilename()).toMatch(/\.csv$/);
  await page.screenshot({ path: testInfo.outputPath('analytics-funnel-developers-en.png'), fullPage: true });

  // The drop-off after awareness: who reached it and no later stage, as the count in the table says.
  expect(awareness.droppedOff).toBeGreaterThan(0);
  await table.getByRole('button', { name: 'List who dropped off after Awareness' }).click();
  await expect(page).toHaveURL(/mode=dropOff/);
  await expect(list.getByRole('heading', { name: 'Developers who reached Awareness but no later stage' })).toBeVisible();
  await expect(page.getByTestId('funnel-developers-range')).toHaveText(new RegExp(` of ${count(awareness.droppedOff!)}$`));
  const dropOffCsv = page.waitForEvent('download');
  await list.getByRole('button', { name: 'Export CSV' }).click();
  expect((await dropOffCsv).suggestedFilename()).toBe(
    `drm-funnel-awareness-dropOff-${FROM}-${TO}-campaign-${campaign.campaignId.slice(0, 8)}.csv`,
  );
});

test('a campaign’s ROI row, its page, and a campaign created, deleted and restored', async ({ page, request }, testInfo) => {
  const roi = await call<{ campaigns: CampaignRoi[] }>(request, 'campaigns:get-roi', {});
  const row = roi.campaigns.find((r) => r.campaign === 'Tokyo Meetup 2024-05')!;
  expect(row.costReporting).toBeGreaterThan(0);

  await page.goto(`${app.url}#/campaigns`);
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  const tr = page.getByTestId('roi-table').locator(`tr[data-campaign="${row.campaign}"]`);
  await expect(tr.locator('[data-col="cost"]')).toHaveText(money(row.costReporting!, 'JPY'));
  await expect(tr.locator('[data-col="actions"]')).toHaveText(weight(row.actions));
  await expect(tr.locator('[data-col="conversions"]')).toHaveText(weight(row.conversions));
  await expect(tr.locator('[data-col="costPerConversion"]')).toHaveText(
    row.costPerConversion === null ? '—' : money(row.costPerConversion, 'JPY'),
  );
  await page.screenshot({ path: testInfo.outputPath('analytics-campaigns-en.png'), fullPage: true });

  // Another model asks the core again, with the model in the address.
  await page.getByRole('combobox', { name: 'Attribution model' }).selectOption('first');
  await expect(page).toHaveURL(/model=first/);

  await tr.getByRole('link', { name: row.campaign }).click();
  await expect(page.getByRole('heading', { level: 1, name: row.campaign })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Budget entries' })).toBeVisible();
  await expectChart(page, 'campaign-over-time');
  await expectChart(page, 'campaign-cost');
  await page.screenshot({ path: testInfo.outputPath('analytics-campaign-en.png'), fullPage: true });

  // Create: a name is required, then the new campaign opens.
  await page.goto(`${app.url}#/campaigns`);
  await page.getByRole('button', { name: 'New campaign' }).click();
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await page.getByRole('textbox', { name: /^Name/ }).fill('E2E Campaign');
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E2E Campaign' })).toBeVisible();

  // A budget entry, added by form.
  await page.getByRole('button', { name: 'Add an entry' }).click();
  const form = page.getByRole('form', { name: 'Add a budget entry' });
  await form.getByRole('combobox', { name: 'Category' }).selectOption('venue');
  await form.getByRole('textbox', { name: 'Amount' }).fill('120,000');
  await form.getByRole('button', { name: 'Add an entry' }).click();
  await expect(page.getByTestId('budgets').getByRole('cell', { name: '¥120,000' })).toBeVisible();

  // Delete with a confirmation, then undo.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “E2E Campaign”?' });
  await dialog.getByRole('button', { name: 'Delete the campaign' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  const undo = page.getByTestId('campaign-undo');
  await expect(undo).toContainText('“E2E Campaign” was deleted.');
  await expect.poll(async () => (await call<Campaign[]>(request, 'campaigns:list', {})).some((c) => c.name === 'E2E Campaign')).toBe(false);
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(undo).toContainText('“E2E Campaign” was restored.');
  await expect(page.getByTestId('roi-table').locator('tr[data-campaign="E2E Campaign"]')).toHaveCount(1);
});

test('the settings page: the action map, and saving recomputes', async ({ page, request }, testInfo) => {
  await page.goto(`${app.url}#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const map = page.getByTestId('action-map');
  await expect(map.getByRole('combobox', { name: 'Stage of “click”' })).toHaveValue('awareness');
  await expect(map.getByRole('combobox', { name: 'Stage of “signup”' })).toHaveValue('adoption');
  await expect(page.getByRole('combobox', { name: 'Conversion stage' })).toHaveValue('adoption');
  await expect(page.getByRole('combobox', { name: 'Count days in' })).toHaveValue('');
  await expect(page.getByTestId('data-dir')).toHaveText(app.dataDir);
  await expect(page.getByRole('button', { name: 'Save and recompute' })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('analytics-settings-en.png'), fullPage: true });

  // A value per conversion: saved, recomputed, and the ROI table gains ROI %.
  await page.getByRole('textbox', { name: 'Value per conversion' }).fill('50,000');
  await expect(page.getByText('Unsaved changes.')).toBeVisible();
  await page.getByRole('button', { name: 'Save and recompute' }).click();
  await expect(page.getByText('Saved. The numbers on every page now follow these settings.')).toBeVisible();
  expect((await call<{ valuePerConversion: number | null }>(request, 'settings:get')).valuePerConversion).toBe(50000);

  // A new action mapped to a stage joins the table.
  const add = page.getByRole('form', { name: 'Add an action' });
  await add.getByRole('textbox', { name: 'New action' }).fill('webinar_view');
  await add.getByRole('combobox', { name: 'Stage' }).selectOption('engagement');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(map.getByRole('combobox', { name: 'Stage of “webinar_view”' })).toHaveValue('engagement');
  await add.getByRole('textbox', { name: 'New action' }).fill('click');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(add.getByRole('alert')).toHaveText('This action is already in the list: change its stage there.');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await expect(page.getByTestId('roi-table').getByRole('columnheader', { name: 'ROI %' })).toBeVisible();
});

test('the overview in Japanese', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/overview?${PERIOD}`);
  await page
    .getByRole('combobox', { name: /Language|言語/ })
    .first()
    .selectOption('ja');
  await expect(page.getByRole('heading', { level: 1, name: '概要' })).toBeVisible();
  await expect(page.getByText('アクティブな開発者')).toBeVisible();
  await expect(page.getByTestId('kpi-spend')).toContainText('USD 2024-07 のレートがありません');
  await expect(page.getByTestId('kpi-spend-currencies')).toContainText('￥');
  await expectChart(page, 'overview-funnel');
  await expect(page.getByTestId('overview-funnel').locator('svg')).toContainText('認知');
  await page.screenshot({ path: testInfo.outputPath('analytics-overview-ja.png'), fullPage: true });
});
