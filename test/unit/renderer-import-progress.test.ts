/**
 * A running import as the page shows it (issue 11, defects 1 and 5): one
 * percentage, the same in the heading and on the bar, and the errors found
 * so far.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { testI18n, markupWith } from '../helpers/i18n';
import type { ImportJob } from '../../src-shared/contract/imports';
import { EarlyStop } from '../../src-renderer/src/pages/import/EarlyStop';
import { JobProgress } from '../../src-renderer/src/pages/import/JobProgress';
import type { ProgressView } from '../../src-renderer/src/pages/import/import-rate';

// The page's API needs a window; progress rendering never calls it.
vi.mock('../../src-renderer/src/api', () => ({ api: { call: () => Promise.resolve(null), on: () => () => {} } }));

const i18n = await testI18n('ja');

const job = { jobId: 'j', status: 'running', fileName: 'a.csv', rowsRead: 0 } as ImportJob;
const view = (over: Partial<ProgressView>): ProgressView => ({
  rowsRead: 1900,
  bytesRead: 1900,
  totalBytes: 10_000,
  errorCount: 0,
  fraction: 0.19,
  rowsPerSecond: 1000,
  secondsLeft: 8,
  ...over,
});
const render = (live: ProgressView) =>
  markupWith(i18n, createElement(QueryClientProvider, { client: new QueryClient() }, createElement(JobProgress, { job, live })));
const percents = (html: string) => [...html.replace(/<[^>]+>/g, ' ').matchAll(/(\d+)\s*%/g)].map((m) => m[1]);

describe('JobProgress', () => {
  it('shows one percentage everywhere: the heading, the figures and the bar agree', () => {
    const html = render(view({ fraction: 0.197 }));
    expect(new Set(percents(html))).toEqual(new Set(['19']));
    expect(html).toContain('value="0.19"');
  });

  it('shows the errors found so far while it runs, and none when there are none', () => {
    expect(render(view({ errorCount: 1234 }))).toContain('エラー 1,234 件');
    expect(render(view({ errorCount: 0 }))).not.toContain('エラー');
  });
});

describe('EarlyStop', () => {
  it('says where and why the import stopped, each kind of problem counted and translated', () => {
    const html = markupWith(
      i18n,
      createElement(EarlyStop, {
        stop: {
          line: 2001,
          rowsRead: 2000,
          limit: 1000,
          kinds: [
            {
              code: 'companion-required',
              params: { field: 'resource_category', when: 'resource_title' },
              column: 'resource_title',
              reason: 'resource_category is required when resource_title is given',
              rows: 2000,
            },
          ],
        },
      }),
    );
    expect(html).toContain('2,001 行目までに');
    expect(html).toContain('2,000 行: resource_title があるときは resource_category が必須です');
    expect(html).toContain('列 resource_title');
  });
});
