/**
 * The sample load from an empty app (issue 11, section 3): it ends on
 * Overview showing the sample's own period (a past fiscal year), not on the
 * import history and not on an empty "last 30 days".
 */
import { expect, test } from '@playwright/test';
import { serve, type Served } from './serve';

let app: Served;

test.beforeAll(async () => {
  app = await serve();
});

test.afterAll(async () => {
  await app?.stop();
});

test('loading the sample from the Import page lands on Overview with the sample’s period', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(`${app.url}#/import`);
  await page.getByRole('button', { name: 'Load sample data' }).click();
  // April 2024 to March 2025, as the address stores a custom period.
  await expect(page).toHaveURL(/#\/\?period=custom&from=2024-04-\d\d&to=2025-0[34]-\d\d$/, { timeout: 200_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('kpi-activities')).not.toHaveText('0');
  await expect(page.getByText('There is no activity in this period.')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('sample-landing.png'), fullPage: true });
});
