/**
 * The Organizations page in Chromium against `drm serve`, on the sample data
 * loaded through the app's own import: the list, a rename refused because the
 * name is taken, a rename, and a merge confirmed in the dialog.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { callApi, useServedSample } from './serve';

const app = useServedSample();

interface Org {
  orgId: string;
  name: string;
  developers: number;
}

const call = <T>(request: APIRequestContext, channel: string, input: object = {}) => callApi<T>(request, app, channel, input);

test('list, rename and merge organizations', async ({ page, request }, testInfo) => {
  const { rows, total } = await call<{ rows: Org[]; total: number }>(request, 'organizations:list', { pageSize: 200 });
  expect(total).toBeGreaterThan(1);
  const [from, into] = [rows[0]!, rows[1]!];

  await page.goto(`${app.url}#/organizations`);
  await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Organizations' });
  await expect(table.getByRole('rowheader', { name: from.name, exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('organizations-list-en.png'), fullPage: true });

  // A taken name is refused by the core, and the page says so.
  await page.getByRole('button', { name: `Rename ${from.name}`, exact: true }).click();
  const nameBox = page.getByRole('textbox', { name: 'New name' });
  await nameBox.fill(into.name);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Merge the two organizations');
  await nameBox.fill('   ');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a name.' })).toBeVisible();

  await nameBox.fill('Renamed Org');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(table.getByRole('rowheader', { name: 'Renamed Org', exact: true })).toBeVisible();

  // Merge it into the second organization, confirmed in the dialog.
  await page.getByRole('button', { name: 'Merge Renamed Org into another organization' }).click();
  await page.getByRole('combobox', { name: 'Merge into' }).selectOption({ value: into.orgId });
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge these organizations?' });
  await expect(dialog).toContainText(`Renamed Org (${from.developers} developers) will be merged into ${into.name}`);
  await page.screenshot({ path: testInfo.outputPath('organizations-merge-en.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Renamed Org was merged into ${into.name}; ${from.developers} developers moved.` }),
  ).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Renamed Org', exact: true })).toHaveCount(0);

  const after = await call<{ rows: Org[]; total: number }>(request, 'organizations:list', { pageSize: 200 });
  expect(after.total).toBe(total - 1);
  expect(after.rows.find((r) => r.orgId === into.orgId)?.developers).toBe(into.developers + from.developers);
});

test("an organization's developer count opens the Developers page filtered by it", async ({ page, request }, testInfo) => {
  const { rows } = await call<{ rows: Org[] }>(request, 'organizations:list', { pageSize: 200 });
  const org = rows.filter((r) => r.developers > 0).sort((a, b) => b.developers - a.developers)[0]!;
  const all = await call<{ total: number }>(request, 'developers:list', {});

  await page.goto(`${app.url}#/organizations`);
  await page.getByRole('link', { name: `Show the ${org.developers} developers of ${org.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/developers\\?org=${org.orgId}$`));
  await expect(page.getByTestId('org-filter')).toContainText(`Organization: ${org.name}`);
  await expect(page.getByTestId('developer-range')).toHaveText(`1–${Math.min(50, org.developers)} of ${org.developers}`);
  await page.screenshot({ path: testInfo.outputPath('developers-of-organization-en.png'), fullPage: true });

  // Removing the chip shows everyone again.
  await page.getByRole('link', { name: `Show developers of every organization (remove ${org.name})` }).click();
  await expect(page.getByTestId('org-filter')).toHaveCount(0);
  await expect(page.getByTestId('developer-range')).toHaveText(new RegExp(` of ${all.total.toLocaleString('en-US')}$`));
});

test("an organization's page: members by stage, their activity, and its members", async ({ page, request }, testInfo) => {
  const { rows } = await call<{ rows: Org[] }>(request, 'organizations:list', { pageSize: 200 });
  const org = rows.filter((r) => r.developers > 0).sort((a, b) => b.developers - a.developers)[0]!;

  await page.goto(`${app.url}#/organizations`);
  await page.getByRole('link', { name: org.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/organizations/${org.orgId}$`));
  await expect(page.getByRole('heading', { level: 1, name: org.name })).toBeVisible();
  // Every member counts once in the stage mix.
  const mix = page.getByTestId('org-stage-mix');
  await expect(mix.locator('tbody tr').first()).toBeVisible();
  const counts = await mix.locator('tbody td:nth-of-type(1)').allTextContents();
  expect(counts.reduce((sum, n) => sum + Number(n.replace(/,/g, '')), 0)).toBe(org.developers);
  // The sample's activities run from April 2024 to March 2025: the chart over that period, kept in the address.
  await page.goto(`${app.url}#/organizations/${org.orgId}?period=custom&from=2024-04-01&to=2025-04-01`);
  await expect(page.getByTestId('org-trend').locator('svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('org-trend').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('org-members').getByRole('link').first()).toHaveAttribute('href', /^#\/developers\/[0-9a-f-]{36}$/);
  await page.screenshot({ path: testInfo.outputPath('organization-detail-en.png'), fullPage: true });
  await page.getByRole('link', { name: `All ${org.developers} members` }).click();
  await expect(page).toHaveURL(new RegExp(`#/developers\\?org=${org.orgId}$`));
});
