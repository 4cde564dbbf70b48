/**
 * A connpass import's options in the browser (issue 11): the campaign option
 * is a picker of the campaigns there are that still takes a new name, and an
 * event stored under another title says which title is kept, before the
 * import and in its result, and is renamed only when asked (defect 9).
 */
import { expect, test, type Page } from '@playwright/test';
import { dropFile } from './drop-file';
import { callApi, serve, type Served } from './serve';

// connpass's newest shape: no status columns at all.
const PARTICIPANTS = [
  '参加枠名,ユーザー名,所属を教えてください,更新日時,受付番号',
  '一般枠,taro_y,Example株式会社,2024-07-10 10:00,1',
].join('\r\n');
const FILE = 'event_424242_participants.csv';

let app: Served;

test.beforeAll(async ({ request }) => {
  app = await serve();
  await callApi(request, app, 'campaigns:create', { name: 'Tokyo Meetup 2024-07', channel: 'event' });
});

test.afterAll(async () => {
  await app?.stop();
});

async function dropParticipants(page: Page, title: string): Promise<void> {
  await page.goto(`${app.url}#/import`);
  await dropFile(page, FILE, PARTICIPANTS);
  await expect(page.getByTestId('preview-type')).toHaveText('connpass participants');
  await page.getByRole('textbox', { name: 'Event title' }).fill(title);
}

async function startAndFinish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.locator('section.job-panel').getByTestId('import-result')).toContainText('Imported.', { timeout: 60_000 });
}

test('the campaign option offers the campaigns there are and takes a new name', async ({ page }) => {
  await dropParticipants(page, 'First title');
  const campaign = page.getByRole('combobox', { name: 'Campaign' });
  await expect(page.locator('#import-option-campaign-list option')).toHaveAttribute('value', 'Tokyo Meetup 2024-07');
  await campaign.pressSequentially('Brand new');
  await expect(page.getByTestId('campaign-hint')).toHaveText(/A new campaign/);
  await campaign.fill('Tokyo Meetup 2024-07');
  await expect(page.getByTestId('campaign-hint')).toHaveText(/An existing campaign/);
  await startAndFinish(page);
  await expect(page.locator('section.job-panel').getByTestId('inserted-campaigns')).toHaveCount(0);
});

test('an event stored under another title keeps it, says so, and is renamed only when asked', async ({ page }, testInfo) => {
  await dropParticipants(page, 'Renamed');
  const check = page.getByTestId('event-title-check');
  await expect(check).toHaveText(
    'Event 424242 is already stored as “First title”. That title is kept; tick the box below to replace it with “Renamed”.',
  );
  await page.screenshot({ path: testInfo.outputPath('event-title-kept.png'), fullPage: true });
  await startAndFinish(page);
  await expect(page.getByTestId('event-title-result')).toHaveText(
    'Event 424242 kept its title “First title”; the title typed, “Renamed”, was not used.',
  );

  await dropParticipants(page, 'Renamed');
  await page.getByRole('checkbox', { name: 'Replace the stored title with this one' }).check();
  await expect(check).toHaveText('Event 424242 will be renamed from “First title” to “Renamed”.');
  await startAndFinish(page);
  await expect(page.getByTestId('event-title-result')).toHaveText('Event 424242 was renamed from “First title” to “Renamed”.');

  await dropParticipants(page, 'Renamed');
  await expect(check).toHaveText('Event 424242 is already stored as “Renamed”.');
  await expect(page.getByRole('checkbox', { name: 'Replace the stored title with this one' })).toHaveCount(0);
});
