/**
 * Issue 14 §2, last bullet, in Chromium against `drm serve` on a fresh data
 * folder: Settings → Team database moves the app onto a team's PostgreSQL
 * (Debian's, set up as README "Team mode" says) and back. This computer's
 * data holds one developer, the team database another: the page shows one or
 * the other, says which on every page, and this computer's data is kept. A
 * wrong address leaves the app where it was; a team server's address hands
 * the page to its sign-in.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../../src-main/core/db/ports';
import { run } from '../helpers/cli';
import { createTeamDatabase, startSystemPostgres, type SystemPostgres } from '../helpers/system-postgres';
import { dropFile } from './drop-file';
import { callApi, serve, startDrm, type Served, type Started } from './serve';

const HEADER = 'occurred_at,action,source,provider,handle,email,display_name';
const LOCAL_CSV = [HEADER, '2024-07-01 10:00,register,connpass,connpass,aiko_l,aiko@local.example,Local Aiko'].join('\n');
const TEAM_CSV = [HEADER, '2024-07-02 09:15,star,github,github,bunta-t,bunta@team.example,Team Bunta'].join('\n');

let database: SystemPostgres;
let url: string;
let app: Served;
let folder: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  database = await startSystemPostgres();
  url = await createTeamDatabase(database, 'drm_client_e2e');
  folder = mkdtempSync(join(tmpdir(), 'drm-team-client-e2e-'));
  writeFileSync(join(folder, 'team.csv'), TEAM_CSV);
  // The team's data, put there as a teammate would: the drm command on the shared database.
  const cli = join(import.meta.dirname, '..', '..', 'src-main', 'cli.ts');
  const res = await run(process.execPath, ['--import', 'tsx', cli, 'import', join(folder, 'team.csv'), '--database-url', url]);
  if (res.code !== 0) throw new Error(`drm import exited ${res.code}: ${res.stderr}`);
  app = await serve();
});

test.afterAll(async () => {
  await app?.stop();
  await database?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const indicator = (page: Page) => page.getByTestId('team-database-indicator');
const teamSection = (page: Page, name = 'Team database') => page.getByRole('region', { name });
const openDevelopers = (page: Page, name = 'Developers') =>
  page
    .getByRole('navigation', { name: /Main|メイン/ })
    .getByRole('link', { name })
    .click();

test('connect to a team database, see its data and where it is, then come back to this computer’s', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(`${app.url}#/import`);
  // The drop target exists once the page has rendered (on a loaded machine, after the first paint).
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await dropFile(page, 'local.csv', LOCAL_CSV);
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.locator('section.job-panel').getByTestId('import-result')).toContainText('Imported.', { timeout: 60_000 });
  await openDevelopers(page);
  await expect(page.getByText('Local Aiko')).toBeVisible();
  // One person on this computer's data sees nothing new.
  await expect(indicator(page)).toHaveCount(0);

  // A database that does not answer (a closed port): the error shows, what was typed stays, the data does not move.
  await page.goto(`${app.url}#/settings/team`);
  const section = teamSection(page);
  await expect(section.getByText('This computer’s data is kept as it is')).toBeVisible();
  const address = section.getByRole('textbox', { name: 'Database URL' });
  await expect(address).toHaveAttribute('autocomplete', 'off');
  await expect(address).toHaveAttribute('spellcheck', 'false');
  const wrong = `postgres://nobody:secret@127.0.0.1:${await freePort()}/drm`;
  await address.fill(wrong);
  await section.getByRole('button', { name: 'Connect' }).click();
  await expect(section.getByRole('alert')).toContainText('Could not connect', { timeout: 30_000 });
  await expect(section.getByRole('alert')).toContainText('The app stays on the data it showed before.');
  await expect(address).toHaveValue(wrong);
  await section.screenshot({ path: testInfo.outputPath('team-client-refused.png') });
  await expect(indicator(page)).toHaveCount(0);

  // Not a PostgreSQL URL at all: the core names the field.
  await address.fill('https://db.example.com/drm');
  await section.getByRole('button', { name: 'Connect' }).click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText('Enter a PostgreSQL URL such as')).toBeVisible();

  await openDevelopers(page);
  await expect(page.getByText('Local Aiko')).toBeVisible();

  // The team database.
  await page.goto(`${app.url}#/settings/team`);
  await address.fill(url);
  await expect(section.getByRole('textbox', { name: 'Workspace' })).toHaveValue('default');
  await section.getByRole('button', { name: 'Connect' }).click();
  const where = new URL(url);
  await expect(indicator(page)).toHaveText(`Team database: ${where.host}/drm_client_e2e · workspace default`, { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Where the data is' }).getByRole('link')).toHaveAccessibleName(/^Team database: /);
  // The form that had focus is gone: focus is on the section's title, not lost.
  await expect(section.getByRole('heading', { name: 'Team database', exact: true })).toBeFocused();
  // The saved URL comes back without its password.
  await expect(section.getByTestId('team-database-url')).toHaveText(`postgres://drm_client_e2e_owner:***@${where.host}/drm_client_e2e`);
  await expect(page.locator('body')).not.toContainText('owner-secret');

  await openDevelopers(page);
  await expect(page.getByText('Team Bunta')).toBeVisible();
  await expect(page.getByText('Local Aiko')).toHaveCount(0);
  await expect(indicator(page)).toBeVisible();

  // The language lives with the data: Japanese on the team database, and the strip says so in Japanese.
  await page
    .getByRole('combobox', { name: /Language|言語/ })
    .first()
    .selectOption('ja');
  await expect(indicator(page)).toHaveText(`チームのデータベース: ${where.host}/drm_client_e2e · ワークスペース default`);
  await page.screenshot({ path: testInfo.outputPath('team-client-ja.png'), fullPage: true });

  // Back: the strip leads to the section, whose button returns to this computer's data, kept as it was.
  await indicator(page).click();
  await expect(page).toHaveURL(/#\/settings\/team$/);
  await teamSection(page, 'チームのデータベース').getByRole('button', { name: 'このコンピューターのデータを使う' }).click();
  await expect(indicator(page)).toHaveCount(0);
  await expect(section.getByRole('textbox', { name: 'Database URL' })).toHaveValue('');
  await openDevelopers(page);
  await expect(page.getByText('Local Aiko')).toBeVisible();
  await expect(page.getByText('Team Bunta')).toHaveCount(0);
});

test('a team server’s address hands the page to its sign-in; this computer’s page then offers to open it or stay', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // On this computer's data, whatever the test before left.
  await callApi(request, app, 'team:disconnect');
  let server: Started | undefined;
  try {
    server = await startDrm(['serve', '--team', '--port', '0', '--database-url', url], /serving on (http:\/\/\S+)/);
    const origin = new URL(server.url).origin;
    await page.goto(`${app.url}#/settings/team`);
    const section = teamSection(page);
    await section.getByRole('radio', { name: 'Team server address' }).check();
    await section.getByRole('textbox', { name: 'Team server address' }).fill(`${origin}/`);
    await section.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to DRM Desktop' })).toBeVisible({ timeout: 30_000 });
    expect(new URL(page.url()).origin).toBe(origin);

    // This computer's page, opened again, says where the app is set to go.
    await page.goto(app.url);
    const banner = page.getByRole('region', { name: 'Where the data is' });
    await expect(banner).toContainText(`This app is set to open the team server ${origin}.`);
    await banner.getByRole('button', { name: 'Use this computer’s data' }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  } finally {
    await server?.stop('SIGINT');
  }
});

test('a saved team database that cannot be opened at start: this computer’s data, the reason, and both ways on', async ({ page }) => {
  test.setTimeout(180_000);
  const closed = `postgres://nobody:secret@127.0.0.1:${await freePort()}/drm`;
  // What an earlier session saved (team-client/setting.ts), for a server that is gone now.
  const broken = await serve((dataDir) => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const target = { kind: 'database', url: closed, tenantId: 'default' };
    writeFileSync(join(dataDir, 'team-connection.json'), JSON.stringify({ version: 1, target }), { mode: 0o600 });
  });
  try {
    await page.goto(`${broken.url}#/developers`);
    const strip = page.getByRole('region', { name: 'Where the data is' });
    await expect(strip).toContainText('The team database could not be opened; the app is showing this computer’s data.');
    await expect(indicator(page)).toHaveCount(0);
    await strip.getByRole('link', { name: 'Team database settings' }).click();
    await expect(page).toHaveURL(/#\/settings\/team$/);

    const section = teamSection(page);
    const problem = section.getByRole('alert').filter({ hasText: 'The team database could not be opened' });
    await expect(problem).toContainText('the app is showing this computer’s data');
    // Try again: the password is not shown back, so the form takes the URL again.
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect(section.getByRole('textbox', { name: 'Database URL' })).toBeFocused();
    await expect(section.getByRole('textbox', { name: 'Database URL' })).toHaveValue('');

    // Or forget it: the warning goes, and it does not come back.
    await problem.getByRole('button', { name: 'Use this computer’s data' }).click();
    await expect(strip).toHaveCount(0);
    await expect(section.getByRole('alert')).toHaveCount(0);
    await page.reload();
    await expect(section.getByText('This computer’s data is kept as it is')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Where the data is' })).toHaveCount(0);
  } finally {
    await broken.stop();
  }
});
