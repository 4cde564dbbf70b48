/**
 * Anonymous visitors who become developers (issue 13 §2) in Chromium against
 * `drm serve`: the clicks CSV (anonymous, with click ids) and the sign-up CSV
 * (an email and the click id) are dropped on the Import page; the person's
 * profile shows the click and the click id; unlinking it (confirmed) gives
 * the click back to anonymous, and Undo links it again. English, then Japanese.
 * First, the whole way with a real click: a visitor follows a short link
 * through `drm shortlinks serve` (against the app's own database), lands with
 * drm_cid in the URL, signs up with it, and the profile shows the click and
 * the funnel counts them from it.
 */
import { expect, test, type Page } from '@playwright/test';
import { dropFile } from './drop-file';
import { callApi, databaseUrlOf, serve, serveShortlinks, type Served } from './serve';

const CLICKS = [
  'occurred_at,action,source,anon_id',
  '2026-03-01T10:00:00Z,click,shortlink,cid-e2e-1',
  '2026-03-01T11:00:00Z,click,shortlink,cid-e2e-2',
].join('\n');
const SIGNUP = [
  'occurred_at,action,source,email,display_name,drm_cid',
  '2026-03-05T09:00:00Z,signup,web,ann@example.com,Ann Click,cid-e2e-1',
].join('\n');

let app: Served;

test.beforeAll(async () => {
  app = await serve();
});
test.afterAll(async () => {
  await app?.stop();
});

test('a click through shortlinks serve, then the sign-up that carries its drm_cid: the profile shows the click', async ({
  page,
  request,
}) => {
  // The landing page is the app's own address: the browser here has no internet to land on.
  await callApi(request, app, 'shortlinks:create', { key: 'join', targetUrl: `${app.origin}/landing?from=slides` });
  const redirect = await serveShortlinks(databaseUrlOf(app));
  let clickId: string;
  try {
    await page.goto(`${redirect.url}join`);
    const landed = new URL(page.url());
    expect(landed.origin).toBe(app.origin);
    expect(landed.searchParams.get('from')).toBe('slides');
    clickId = landed.searchParams.get('drm_cid')!;
    expect(clickId).toMatch(/^[\w-]{16,}$/);
  } finally {
    await redirect.stop();
  }
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const awareness = async () =>
    (
      await callApi<{ stages: { key: string; reached: number }[] }>(request, app, 'analytics:get-funnel', { from: today, to: tomorrow })
    ).stages.find((s) => s.key === 'awareness')!.reached;
  expect(await awareness()).toBe(0);

  const signup = [
    'occurred_at,action,source,email,display_name,drm_cid',
    `${new Date().toISOString()},signup,web,sora@example.com,Sora,${clickId}`,
  ];
  await importCsv(page, 'signup-served.csv', signup.join('\n'), '1');
  const sora = await callApi<{ developerId: string }>(request, app, 'developers:get', { email: 'sora@example.com' });
  await page.goto(`${app.url}#/developers/${sora.developerId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sora' })).toBeVisible();
  await expect(page.locator('ol.timeline [data-action="click"]')).toHaveCount(1);
  await expect(page.getByTestId('identifiers').getByRole('row').filter({ hasText: clickId })).toContainText('Click id');
  expect(await awareness()).toBe(1);
});

async function importCsv(page: Page, name: string, text: string, inserted: string) {
  await page.goto(`${app.url}#/import`);
  await dropFile(page, name, text);
  await expect(page.getByTestId('preview-type')).toHaveText('Activities (app template)');
  await page.getByRole('button', { name: 'Start import' }).click();
  const panel = page.locator('section.job-panel');
  await expect(panel.getByTestId('import-result')).toContainText('Imported.', { timeout: 60_000 });
  await expect(panel.getByTestId('inserted-activities')).toHaveText(inserted);
}

test('a sign-up with a click id makes the click the developer’s; unlink and undo on the profile', async ({ page, request }, testInfo) => {
  await importCsv(page, 'clicks.csv', CLICKS, '2');
  await importCsv(page, 'signup.csv', SIGNUP, '1');

  const ann = await callApi<{ developerId: string }>(request, app, 'developers:get', { email: 'ann@example.com' });
  await page.goto(`${app.url}#/developers/${ann.developerId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ann Click' })).toBeVisible();
  const timeline = page.locator('ol.timeline');
  await expect(timeline.locator('[data-action="click"]')).toHaveCount(1);
  await expect(timeline.locator('[data-action="signup"]')).toHaveCount(1);
  const identifiers = page.getByTestId('identifiers');
  const row = identifiers.getByRole('row').filter({ hasText: 'cid-e2e-1' });
  await expect(row).toContainText('Click id');
  await page.screenshot({ path: testInfo.outputPath('click-id-profile-en.png'), fullPage: true });

  await row.getByRole('button', { name: 'Unlink click id cid-e2e-1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unlink this click id?' });
  await expect(dialog).toContainText('cid-e2e-1');
  await dialog.getByRole('button', { name: 'Unlink' }).click();
  await expect(page.getByTestId('unlink-notice')).toContainText('Click id cid-e2e-1 unlinked. Activities anonymous again: 1.');
  await expect(identifiers.getByRole('row').filter({ hasText: 'cid-e2e-1' })).toHaveCount(0);
  await expect(timeline.locator('[data-action="click"]')).toHaveCount(0);
  await expect(timeline.locator('[data-action="signup"]')).toHaveCount(1);

  await page.getByTestId('unlink-notice').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('unlink-notice')).toContainText('Click id cid-e2e-1 is linked again.');
  await expect(identifiers.getByRole('row').filter({ hasText: 'cid-e2e-1' })).toHaveCount(1);
  await expect(timeline.locator('[data-action="click"]')).toHaveCount(1);
});

test('the click id on the profile in Japanese', async ({ page, request }, testInfo) => {
  const ann = await callApi<{ developerId: string }>(request, app, 'developers:get', { email: 'ann@example.com' });
  await page.goto(`${app.url}#/developers/${ann.developerId}`);
  await page
    .getByRole('combobox', { name: /Language|言語/ })
    .first()
    .selectOption('ja');
  const row = page.getByTestId('identifiers').getByRole('row').filter({ hasText: 'cid-e2e-1' });
  await expect(row).toContainText('クリックID');
  await row.getByRole('button', { name: 'クリックID cid-e2e-1 の紐付けを解除' }).click();
  const dialog = page.getByRole('dialog', { name: 'このクリックIDの紐付けを解除しますか？' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('click-id-unlink-ja.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(row).toHaveCount(1);
});
