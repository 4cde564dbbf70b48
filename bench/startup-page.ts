/**
 * The renderer's half of bench:startup (issue 12, "Start-up"): from nothing
 * running to the first page showing its data in Chromium, as Electron does it
 * — the core starts while the browser starts, then the page loads and asks
 * the core for the Overview. The page marks the moment its data is painted
 * (src-renderer/src/lib/first-page-mark.ts); the figure is read from the
 * page's own timeline, so it includes React, i18n, the charts and every call.
 *
 * Same-run baseline: Chromium alone — launch and the first frame of a small
 * page from a local server, the part of the total no app code can shorten.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Response } from '@playwright/test';
import { startCore } from '../src-main/core/index';
import { startHttpShell } from '../src-main/server/index';
import { FIRST_PAGE_MARK } from '../src-shared/first-page-mark';

const ROOT = join(import.meta.dirname, '..');
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function pageBenchUnavailable(): string | undefined {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return 'no built renderer: run `npx electron-vite build` first';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  return undefined;
}

const launch = () => chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });

export interface PageRun {
  /** Start of the core and the browser → the first page's data painted. */
  totalMs: number;
  /** Of which: the core ready to answer (startCore + the HTTP shell listening). */
  coreMs: number;
  /** Of which: navigation start → the mark, from the page's own timeline. */
  pageMs: number;
  /** What the page shows: the developers KPI, or 'empty' for the empty state. */
  shown: string;
  /** The same number as the Overview call answered it, for the check. */
  answered: string;
}

/** One start: core and Chromium together, then the Overview until its data is painted. */
export async function timeFirstPage(dataDir: string): Promise<PageRun> {
  const t0 = performance.now();
  const browserStarting = launch();
  let browser: Browser | undefined;
  const core = await startCore({ dataDir });
  try {
    const shell = await startHttpShell({ core, rendererDir: RENDERER_DIR });
    const coreMs = performance.now() - t0;
    try {
      browser = await browserStarting;
      const page = await browser.newPage({ locale: 'en-US' });
      const overviewAnswer = page.waitForResponse((r) => r.url().endsWith('/api/analytics:get-overview'), { timeout: 120_000 });
      overviewAnswer.catch(() => undefined); // an empty database's page never asks; closing the page then rejects it
      const navigated = performance.now();
      await page.goto(shell.url);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_PAGE_MARK, { timeout: 120_000 });
      const pageMs = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, FIRST_PAGE_MARK);
      const { shown, answered } = await shownAndAnswered(page, overviewAnswer);
      return { totalMs: navigated - t0 + pageMs, coreMs, pageMs, shown, answered };
    } finally {
      await shell.close();
    }
  } finally {
    await browser?.close();
    await browserStarting.then((b) => b.close()).catch(() => undefined);
    await core.stop();
  }
}

/** The developers KPI as painted and as the core answered it (both 'empty' on an empty database). */
async function shownAndAnswered(page: Page, answer: Promise<Response>): Promise<{ shown: string; answered: string }> {
  if (await page.locator('#overview-empty-title').isVisible()) return { shown: 'empty', answered: 'empty' };
  const body = (await (await answer).json()) as { ok: boolean; value?: { developers: number } };
  const answered = body.ok && body.value ? String(body.value.developers) : 'error';
  const shown = ((await page.getByTestId('kpi-developers').textContent()) ?? '').replace(/[^\d]/g, '');
  return { shown, answered };
}

/** Baseline: Chromium launched and a small page from a local server painted, with no app behind it. */
export async function timeChromiumAlone(): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>baseline</title><h1>DRM Desktop</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const t0 = performance.now();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const navigated = performance.now();
    await page.goto(`http://127.0.0.1:${port}/`);
    // A string, evaluated in the page: Node's types have no requestAnimationFrame.
    const painted = await page.evaluate<number>('new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))');
    return navigated - t0 + painted;
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
