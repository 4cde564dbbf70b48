/**
 * The Short links page in Chromium against `drm serve`: set the domain in
 * Settings → Short links, create a link with a campaign and UTM values, see
 * its QR code (the preview decodes to the short URL), copy its short URL,
 * delete it and undo.
 */
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { callApi, serve, type Served } from './serve';

let app: Served;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await serve();
});
test.afterAll(async () => {
  await app?.stop();
});

test('create a short link, see its QR code, copy it, delete and undo', async ({ page, context, request }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await callApi(request, app, 'campaigns:create', { name: 'DevFest 東京' });

  // An empty page says what to do, and that the domain is missing.
  await page.goto(`${app.url}#/shortlinks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Short links' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No short links yet' })).toBeVisible();
  await page.getByRole('link', { name: 'Set it in Settings → Short links' }).click();

  const section = page.getByRole('region', { name: 'Short links' });
  const domain = section.getByRole('textbox', { name: 'Short-link domain' });
  await domain.fill('https://go.example.com/');
  await section.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(section.getByRole('alert')).toContainText('is not a host name');
  await domain.fill('go.example.com');
  await section.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(domain).toHaveValue('go.example.com');

  await page.goto(`${app.url}#/shortlinks`);
  await page.getByRole('button', { name: 'New short link' }).first().click();
  await page.getByRole('textbox', { name: 'Target URL' }).fill('https://example.com/talk?lang=ja#slides');
  await page.getByRole('textbox', { name: 'Key' }).fill('talk 1');
  await page.getByRole('combobox', { name: 'Campaign' }).first().selectOption({ label: 'DevFest 東京' });
  await page.getByRole('textbox', { name: 'utm_source' }).fill('slides');
  await page.getByRole('textbox', { name: 'utm_campaign' }).fill('devfest 2026');
  await expect(page.locator('output')).toHaveText('https://example.com/talk?lang=ja&utm_source=slides&utm_campaign=devfest%202026#slides');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('Use 2–64 letters, digits, "-" or "_".')).toBeVisible();
  await page.getByRole('textbox', { name: 'Key' }).fill('talk1');
  await page.getByRole('button', { name: 'Create' }).click();

  const table = page.getByRole('table', { name: 'Short links' });
  await expect(table.getByRole('rowheader', { name: 'talk1' })).toBeVisible();
  await expect(table).toContainText('https://go.example.com/talk1');
  await expect(table).toContainText('DevFest 東京');

  // Copy the short URL.
  await page.getByRole('button', { name: 'Copy the short URL of talk1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied https://go.example.com/talk1' })).toBeVisible();
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('https://go.example.com/talk1');

  // The QR code: its preview, rasterised by the browser, reads as the short URL.
  await page.getByRole('button', { name: 'QR code of talk1' }).click();
  const panel = page.getByTestId('qr-panel');
  await expect(panel.getByText('Reads as https://go.example.com/talk1')).toBeVisible();
  await panel.getByRole('textbox', { name: 'Caption under the code' }).fill('登壇資料');
  const image = panel.getByRole('img', { name: 'QR code for https://go.example.com/talk1' });
  await expect(image).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shortlinks-qr-en.png'), fullPage: true });
  const shot = PNG.sync.read(await image.screenshot());
  expect(jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data).toBe('https://go.example.com/talk1');
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download PNG' }).click();
  expect((await download).suggestedFilename()).toBe('qr-talk1-1024px-M.png');

  // Delete, then undo.
  await page.getByRole('button', { name: 'Delete talk1' }).click();
  await page.getByRole('dialog', { name: 'Delete talk1?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('shortlink-undo')).toContainText('talk1 was deleted.');
  await expect(page.getByRole('heading', { name: 'No short links yet' })).toBeVisible();
  await page.getByTestId('shortlink-undo').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('shortlink-undo')).toContainText('talk1 is back.');
  await expect(table.getByRole('rowheader', { name: 'talk1' })).toBeVisible();
  const links = await callApi<{ key: string; campaignName: string }[]>(request, app, 'shortlinks:list', {});
  expect(links.map((l) => [l.key, l.campaignName])).toEqual([['talk1', 'DevFest 東京']]);
});
