/**
 * The Developers pages in Chromium against `drm serve`, on the sample data
 * loaded through the app's own import: search the list, open a profile, merge
 * the first suggested pair, see the merged profile and undo the merge there.
 */
import { userInfo } from 'node:os';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { callApi, useServedSample } from './serve';

const app = useServedSample();

interface Row {
  developerId: string;
  displayName: string | null;
  primaryEmail: string | null;
}

const call = <T>(request: APIRequestContext, channel: string, input: object = {}) => callApi<T>(request, app, channel, input);

test('search the developers, open a profile', async ({ page, request }, testInfo) => {
  const { rows, total } = await call<{ rows: Row[]; total: number }>(request, 'developers:list', { pageSize: 50 });
  expect(total).toBeGreaterThan(0);
  const target = rows.find((r) => r.displayName && r.displayName.length > 1)!;

  await page.goto(`${app.url}#/developers`);
  await expect(page.getByRole('heading', { level: 1, name: 'Developers' })).toBeVisible();
  await expect(page.getByTestId('developer-range')).toHaveText(
    new RegExp(`^1–${Math.min(50, total)} of ${total.toLocaleString('en-US')}$`),
  );
  const table = page.getByRole('table', { name: 'Developers' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('developers-list-en.png'), fullPage: true });

  await page.getByRole('searchbox', { name: 'Search' }).fill(target.displayName!);
  await expect(table.getByRole('link', { name: target.displayName!, exact: true })).toBeVisible();
  await expect(page.getByTestId('developer-range')).not.toHaveText(new RegExp(`of ${total.toLocaleString('en-US')}$`));

  await page.getByRole('searchbox', { name: 'Search' }).fill('no such developer zzzz');
  await expect(page.getByRole('heading', { name: 'No developers match' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill(target.displayName!);

  // Keyboard: the name link opens the profile with Enter.
  await table.getByRole('link', { name: target.displayName!, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/developers/${target.developerId}$`));
  await expect(page.getByRole('heading', { level: 1, name: target.displayName! })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Activity timeline' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();

  // Tags are saved on the server.
  await page.getByRole('textbox', { name: 'New tag' }).fill('e2e-vip');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Remove tag e2e-vip' })).toBeVisible();
  await expect
    .poll(async () => (await call<{ tags: string[] }>(request, 'developers:get', { developerId: target.developerId })).tags)
    .toContain('e2e-vip');

  // When each stage was reached, and the name, email and organization edited in place.
  const profile = await call<{ stages: { key: string }[] }>(request, 'developers:get', { developerId: target.developerId });
  await expect(page.getByTestId('stages-reached').getByRole('listitem')).toHaveCount(profile.stages.length);
  await page.getByRole('button', { name: 'Edit name, email and organization' }).click();
  const form = page.getByTestId('profile-details-form');
  await form.getByRole('textbox', { name: 'Organization' }).fill('E2E Organization KK');
  await form.getByRole('textbox', { name: 'Primary email' }).fill('not an email');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Type an email such as name@example.com, or leave it empty.')).toBeVisible();
  await form.getByRole('textbox', { name: 'Primary email' }).fill('e2e.profile@example.com');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.locator('.profile-facts')).toContainText('E2E Organization KK');
  await expect(page.locator('.profile-facts')).toContainText('e2e.profile@example.com');
  const saved = await call<{ organization: { name: string } | null; primaryEmail: string | null }>(request, 'developers:get', {
    developerId: target.developerId,
  });
  expect([saved.organization?.name, saved.primaryEmail]).toEqual(['E2E Organization KK', 'e2e.profile@example.com']);
  await page.screenshot({ path: testInfo.outputPath('developers-profile-en.png'), fullPage: true });
});

test('the list keeps its filters and sort in the address, and tags everyone in it with undo', async ({ page, request }, testInfo) => {
  const expected = await call<{ rows: Row[]; total: number }>(request, 'developers:list', {
    stage: 'engagement',
    sort: 'name',
    reverse: true,
    pageSize: 50,
  });
  expect(expected.total).toBeGreaterThan(1);
  const first = expected.rows[0]!;

  await page.goto(`${app.url}#/developers`);
  await page.getByRole('combobox', { name: 'Stage' }).selectOption('engagement');
  await expect(page).toHaveURL(/stage=engagement/);
  const table = page.getByRole('table', { name: 'Developers' });
  // A header sorts by its column, and again the other way round; it says which to screen readers.
  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(page).toHaveURL(/reverse=1/);
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1).getByRole('link')).toHaveAttribute('href', `#/developers/${first.developerId}`);

  // A reload opens the same list.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Stage' })).toHaveValue('engagement');
  await expect(page.getByTestId('developer-range')).toHaveText(new RegExp(` of ${expected.total.toLocaleString('en-US')}$`));
  await expect(table.getByRole('row').nth(1).getByRole('link')).toHaveAttribute('href', `#/developers/${first.developerId}`);

  // Everyone in the filtered list (not only this page) gets the tag, and Undo takes it off them again.
  const bulk = page.getByTestId('bulk-tags');
  await bulk.getByRole('combobox', { name: 'Tag to add or remove' }).fill('e2e-bulk');
  await bulk.getByRole('button', { name: `Add to all ${expected.total}` }).click();
  const dialog = page.getByRole('dialog', { name: `Add “e2e-bulk” to ${expected.total} developers?` });
  await dialog.getByRole('button', { name: 'Add the tag' }).click();
  await expect(page.getByTestId('bulk-tags-outcome')).toContainText(`Added “e2e-bulk” to ${expected.total} developers.`);
  const tagged = await call<{ total: number }>(request, 'developers:list', { tag: 'e2e-bulk' });
  expect(tagged.total).toBe(expected.total);
  // The tag filter suggests the tags in use.
  await page.getByRole('combobox', { name: 'Tag', exact: true }).fill('e2e-b');
  await expect(page.locator('datalist option[value="e2e-bulk"]').first()).toBeAttached();
  await page.getByRole('combobox', { name: 'Tag', exact: true }).fill('');
  await page.screenshot({ path: testInfo.outputPath('developers-bulk-tags-en.png'), fullPage: true });
  await page.getByTestId('bulk-tags-outcome').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('bulk-tags-outcome')).toContainText('Undone');
  expect((await call<{ total: number }>(request, 'developers:list', { tag: 'e2e-bulk' })).total).toBe(0);
});

test('merge any developer into a profile from a search, then undo it', async ({ page, request }) => {
  const { rows } = await call<{ rows: Row[] }>(request, 'developers:list', { pageSize: 50, sort: 'name' });
  const [into, from] = rows.filter((r) => r.displayName && r.primaryEmail).slice(-2) as [Row, Row];

  await page.goto(`${app.url}#/developers/${into.developerId}`);
  const panel = page.getByTestId('merge-with');
  await panel.getByRole('searchbox', { name: 'Find by name, email, handle or organization' }).fill(from.primaryEmail!);
  await panel.getByRole('button', { name: `Merge ${from.displayName} into ${into.displayName}` }).click();
  await page.getByRole('dialog', { name: 'Merge these developers?' }).getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByTestId('merge-with-outcome')).toContainText(`${from.displayName} was merged into ${into.displayName}.`);
  await expect
    .poll(async () => (await call<{ mergedInto: string | null }>(request, 'developers:get', { developerId: from.developerId })).mergedInto)
    .toBe(into.developerId);
  await page.getByTestId('merge-with-outcome').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('merge-with-outcome')).toContainText('The merge was undone');
  expect((await call<{ mergedInto: string | null }>(request, 'developers:get', { developerId: from.developerId })).mergedInto).toBeNull();
});

test('merge the first suggestion, see the merged profile, undo it', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/developers`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Merge suggestions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge suggestions' })).toBeVisible();
  const first = page.getByTestId('merge-suggestion').first();
  await expect(first).toBeVisible();
  await expect(first).toContainText(/Match \d+%/);
  await page.screenshot({ path: testInfo.outputPath('developers-merges-en.png'), fullPage: true });

  const survivor = (await first.locator('.side-keep .side-name').innerText()).trim();
  await first.getByRole('button', { name: 'Merge', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge these developers?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('Same person (e2e)');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toBeHidden();
  const outcome = page.getByTestId('merge-outcome');
  await expect(outcome).toContainText(`was merged into ${survivor}`);

  await outcome.getByRole('link', { name: 'Open the merged profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: survivor })).toBeVisible();
  const history = page.getByTestId('merge-history');
  await expect(history).toContainText(`was merged into ${survivor}`);
  await expect(history).toContainText('Reason: Same person (e2e)');
  // Who merged: `drm serve` acts as the OS account that runs it (README "Who did what").
  await expect(history.getByTestId('merge-by').first()).toHaveText(`· by ${userInfo().username}`);
  await page.screenshot({ path: testInfo.outputPath('developers-merged-profile-en.png'), fullPage: true });

  // The one merged away says where it went.
  await history.getByRole('link', { name: /was merged into/ }).click();
  await expect(page.getByText('This developer was merged into another profile')).toBeVisible();
  await page.getByRole('link', { name: 'Open the merged profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: survivor })).toBeVisible();

  await history.getByRole('button', { name: 'Undo' }).click();
  const confirm = page.getByRole('dialog', { name: 'Undo this merge?' });
  await confirm.getByRole('button', { name: 'Undo the merge' }).click();
  await expect(page.getByText('The merge was undone.')).toBeVisible();
  await expect(history.getByText('Undone', { exact: true })).toBeVisible();
  await expect(history.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  // The undo is recorded too, by the same user.
  await expect(history.getByTestId('merge-by')).toHaveText([`· by ${userInfo().username}`, `· by ${userInfo().username}`]);
});

test('the pages in Japanese', async ({ page }, testInfo) => {
  await page.goto(`${app.url}#/developers`);
  await page.getByRole('combobox', { name: /Language|言語/ }).selectOption('ja');
  await expect(page.getByRole('heading', { level: 1, name: '開発者' })).toBeVisible();
  await expect(page.getByTestId('developer-range')).toContainText('件中');
  await page.screenshot({ path: testInfo.outputPath('developers-list-ja.png'), fullPage: true });
  await page.getByRole('table', { name: '開発者' }).getByRole('row').nth(1).click();
  await expect(page.getByRole('heading', { name: 'アクティビティ履歴' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('developers-profile-ja.png'), fullPage: true });
  await page.getByRole('navigation').getByRole('link', { name: '統合候補' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '統合候補' })).toBeVisible();
  await expect(page.getByTestId('merge-suggestion').first()).toContainText('一致度');
  await page.screenshot({ path: testInfo.outputPath('developers-merges-ja.png'), fullPage: true });
});
