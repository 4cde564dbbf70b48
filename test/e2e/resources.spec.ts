/**
 * The Resources page in Chromium against `drm serve`, on the sample data
 * loaded through the app's own import: filter the list to events, open one,
 * see its figures (as the core computes them), and set its campaign in the
 * edit dialog; then the same page in Japanese.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { callApi, useServedSample } from './serve';

const app = useServedSample();

interface EventRow {
  resourceId: string;
  title: string | null;
  groupKey: string | null;
  registered: number;
  attended: number;
}

const call = <T>(request: APIRequestContext, channel: string, input: object = {}) => callApi<T>(request, app, channel, input);

test('filter resources, open an event, see its figures and set its campaign', async ({ page, request }, testInfo) => {
  const events = await call<EventRow[]>(request, 'resources:get-events');
  const event = events.filter((e) => e.title !== null && e.attended > 0).sort((a, b) => b.registered - a.registered)[0]!;
  expect(event, 'the sample has an event with attendees').toBeDefined();
  const campaigns = await call<{ campaignId: string; name: string }[]>(request, 'campaigns:list');
  const campaign = campaigns[0]!;

  await page.goto(`${app.url}#/resources`);
  await expect(page.getByRole('heading', { level: 1, name: 'Resources' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Category' }).selectOption('event');
  const table = page.getByTestId('resource-table');
  await expect(table.getByRole('rowheader', { name: event.title!, exact: true })).toBeVisible();
  // Only events are listed now.
  await expect(table.locator('tbody tr td:nth-child(2)').filter({ hasNotText: 'Event' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('resources-list-en.png'), fullPage: true });

  await table.getByRole('link', { name: event.title!, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/resources/${event.resourceId}`));
  await expect(page.getByRole('heading', { level: 1, name: event.title! })).toBeVisible();
  const figures = page.getByTestId('event-figures');
  await expect(
    figures
      .locator('div')
      .filter({ hasText: /^Registered/ })
      .locator('dd'),
  ).toHaveText(event.registered.toLocaleString('en-US'));
  await expect(
    figures
      .locator('div')
      .filter({ hasText: /^Attended/ })
      .locator('dd'),
  ).toHaveText(event.attended.toLocaleString('en-US'));
  await expect(page.getByTestId('resource-timeline').getByRole('img', { name: /activities on this resource, by week/ })).toBeVisible();
  if (event.groupKey) await expect(page.getByTestId('event-series')).toContainText(event.title!);
  await page.screenshot({ path: testInfo.outputPath('resource-event-en.png'), fullPage: true });

  await page.getByRole('button', { name: 'Edit…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Campaign' }).selectOption({ value: campaign.campaignId });
  await dialog.getByRole('button', { name: 'Save' }).click();
  // Re-attribution refreshes the derived tables in the same transaction: on a busy machine it takes seconds.
  await expect(page.getByRole('status').filter({ hasText: /activities re-attributed/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('resource-campaign')).toHaveText(campaign.name);
  await expect(page.getByTestId('resource-campaigns')).toContainText(campaign.name);

  const row = await call<{ campaignId: string | null }>(request, 'resources:get', { resourceId: event.resourceId });
  expect(row.campaignId).toBe(campaign.campaignId);
});

test('the Resources page in Japanese', async ({ page, request }, testInfo) => {
  await call(request, 'settings:update', { language: 'ja' });
  try {
    await page.goto(`${app.url}#/resources`);
    await expect(page.getByRole('heading', { level: 1, name: 'リソース' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'カテゴリ' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('resources-list-ja.png'), fullPage: true });
  } finally {
    await call(request, 'settings:update', { language: null });
  }
});
