/**
 * A small, hand-computed attribution dataset shared by the ROI and
 * attribution tests (all instants UTC; the tenant's zone is set to UTC).
 *
 * Campaigns A, B, C (named by activity rows) and D (budgets only).
 * - alice: click A 01-01 00:00, click B 01-20, signup 01-31 00:00 (no campaign).
 *   A is exactly 30 × 24 h before: inside the default lookback.
 * - bob: click A 01-01 00:00, signup 01-31 00:00:00.001: A is 1 ms too old
 *   for 30 days (in with 31).
 * - carol: click A 02-01, click A 02-02, click C 02-03, signup 02-05.
 * - dave: click C 02-09, signup 02-10 with campaign B (direct: no multi-touch).
 * - erin (no analytics consent): click A 02-01, signup 02-02.
 * - anon-1 (anonymous): click A 02-01.
 * - frank: signup 03-10; in a second file, click B 03-05 (before the
 *   conversion, imported after it) and click C 03-12 (after it: no credit).
 *
 * Budgets: A 10000 JPY (01-05, ad) and 50 USD (02-01, tool); B 3000 JPY
 * (02-15, venue); D 1000 JPY (01-10, other). C has none.
 */
import type { Core } from '../../src-main/core/types';
import { importFile, writeCsv } from './imports';
import { call } from './merges';

export const DEVELOPERS_CSV = `display_name,email,consent_analytics
Erin,erin@example.com,false
`;

export const ACTIVITIES_CSV = `occurred_at,action,source,email,anon_id,campaign
2026-01-01T00:00:00Z,click,web,alice@example.com,,A
2026-01-20T00:00:00Z,click,web,alice@example.com,,B
2026-01-31T00:00:00Z,signup,web,alice@example.com,,
2026-01-01T00:00:00Z,click,web,bob@example.com,,A
2026-01-31T00:00:00.001Z,signup,web,bob@example.com,,
2026-02-01T00:00:00Z,click,web,carol@example.com,,A
2026-02-02T00:00:00Z,click,web,carol@example.com,,A
2026-02-03T00:00:00Z,click,web,carol@example.com,,C
2026-02-05T00:00:00Z,signup,web,carol@example.com,,
2026-02-09T00:00:00Z,click,web,dave@example.com,,C
2026-02-10T00:00:00Z,signup,web,dave@example.com,,B
2026-02-01T00:00:00Z,click,web,erin@example.com,,A
2026-02-02T00:00:00Z,signup,web,erin@example.com,,
2026-02-01T00:00:00Z,click,ads,,anon-1,A
2026-03-10T00:00:00Z,signup,web,frank@example.com,,
`;

export const LATE_TOUCHES_CSV = `occurred_at,action,source,email,campaign
2026-03-05T00:00:00Z,click,web,frank@example.com,B
2026-03-12T00:00:00Z,click,web,frank@example.com,C
`;

export const CAMPAIGNS_CSV = `name,channel
D,print
`;

export const BUDGETS_CSV = `campaign,category,amount,currency,spent_at
A,ad,10000,JPY,2026-01-05
A,tool,50,USD,2026-02-01
B,venue,3000,JPY,2026-02-15
D,other,1000,JPY,2026-01-10
`;

async function load(core: Core, dir: string, name: string, text: string, type: 'activities' | 'developers' | 'campaigns' | 'budgets') {
  const job = await importFile(core, writeCsv(dir, name, text), { type, options: { timezone: 'UTC' } });
  if (job.status !== 'succeeded') throw new Error(`${name}: ${job.status} ${job.message ?? ''} ${JSON.stringify(job.errors)}`);
}

/** Loads everything in the order a user might: people, activities, campaigns, budgets, then late touches. */
export async function loadCampaignData(core: Core, dir: string): Promise<void> {
  await call(core, 'settings:update', { timeZoneSetting: 'UTC' });
  await load(core, dir, 'developers.csv', DEVELOPERS_CSV, 'developers');
  await load(core, dir, 'activities.csv', ACTIVITIES_CSV, 'activities');
  await load(core, dir, 'campaigns.csv', CAMPAIGNS_CSV, 'campaigns');
  await load(core, dir, 'budgets.csv', BUDGETS_CSV, 'budgets');
  await load(core, dir, 'late.csv', LATE_TOUCHES_CSV, 'activities');
}
