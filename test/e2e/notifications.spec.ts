/**
 * Settings → Notifications in Chromium against `drm serve`: from the empty
 * state, add a generic webhook pointing at a receiver on 127.0.0.1 with a
 * generated secret, Send test, see it sent in the history, and check the
 * request's signature with the secret the page generated; then delete the
 * channel and undo.
 */
import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { serve, type Served } from './serve';

let app: Served;
let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
  app = await serve();
});

test.afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

test('add a webhook, send a test, see it sent; delete and undo', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/settings`);
  const section = page.getByRole('region', { name: 'Notifications' });
  await expect(section.getByRole('heading', { name: 'No notification channels yet' })).toBeVisible();
  await expect(section.getByText('Nothing has been sent yet.')).toBeVisible();

  await section.getByRole('button', { name: 'Add channel' }).click();
  const form = section.getByRole('form', { name: 'New channel' });
  await form.getByLabel('Kind').selectOption('webhook');
  await form.getByLabel('Name').fill('Local hook');
  await form.getByLabel('Webhook URL').fill(receiver.url('/drm'));
  await form.getByRole('button', { name: 'Generate' }).click();
  const secret = await form.getByLabel('Signing secret').inputValue();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  await form.getByLabel('Import failed').check();
  await form.getByRole('button', { name: 'Save channel' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Channel “Local hook” saved.' })).toBeVisible();

  const channels = section.getByRole('table', { name: 'Notification channels' });
  await expect(channels.getByRole('row', { name: /Local hook/ })).toContainText('Import failed');
  await channels.getByRole('button', { name: 'Send a test to Local hook' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Test sent to Local hook.' })).toBeVisible();
  const history = section.getByRole('table', { name: 'Notifications sent' });
  await expect(history.getByRole('row').nth(1)).toContainText('Sent');
  await expect(history.getByRole('row').nth(1)).toContainText('Local hook');
  await page.screenshot({ path: testInfo.outputPath('notifications-sent-en.png'), fullPage: true });

  expect(receiver.received).toHaveLength(1);
  const [request] = receiver.received;
  const signed = createHmac('sha256', secret)
    .update(`${request!.headers['x-drm-timestamp'] as string}.${request!.body}`)
    .digest('hex');
  expect(request!.headers['x-drm-signature']).toBe(`sha256=${signed}`);
  // The page never gets the secret back.
  await expect(section).not.toContainText(secret);

  await channels.getByRole('button', { name: 'Delete Local hook' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Channel “Local hook” deleted.' })).toBeVisible();
  await expect(channels).toBeHidden();
  await section.getByRole('button', { name: 'Undo' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Channel “Local hook” is back.' })).toBeVisible();
  await expect(section.getByRole('table', { name: 'Notification channels' }).getByRole('row', { name: /Local hook/ })).toBeVisible();
});
