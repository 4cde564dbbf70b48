/**
 * generateDataset: a deterministic, realistic DevRel dataset as CSV files in
 * the app's import formats. Same options → byte-identical files.
 *
 * Memory stays flat in the number of rows: people are computed from their
 * index (people.ts), activity rows stream through the writer with
 * back-pressure (csv.ts); only campaigns and the bounded exports (connpass,
 * stargazers) are held in memory.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportOptions, ImportType } from '../../src-main/core/imports/types';
import { activityHeader, activityRows } from './activities';
import { budgetHeader, budgetRows } from './budgets';
import { campaignHeader, campaignRows, planCampaigns, RESERVED_EVENT_ID } from './campaigns';
import { writeCsv } from './csv';
import { developerHeader, developerRows } from './developers';
import { makeWorld } from './people';
import { connpassHeader, connpassRows, slackHeader, slackRows, stargazerHeader, stargazerRows } from './presets';
import { forkRng } from './rng';
import { WINDOW_START, formatOffset } from './time';

export type DatasetFormat = ImportType;
export const ownFormats: readonly DatasetFormat[] = ['campaigns', 'budgets', 'developers', 'activities'];
export const presetFormats: readonly DatasetFormat[] = ['connpass', 'github-stars', 'slack-members'];

export interface DatasetOptions {
  seed: number;
  /** Rows of developers.csv (people in the exports are mostly these, plus ~5% newcomers). */
  developers: number;
  /** Rows of activities.csv; default 20 per developer. */
  activities?: number;
  outDir: string;
  /** Files to write, in any order; default the four own formats. */
  formats?: readonly DatasetFormat[];
  /** Default: 8, plus one per 2,500 developers, at most 40. */
  campaigns?: number;
  /** connpass export rows (default 120) and stargazers (default 10% of developers, 20…5,000). */
  connpassParticipants?: number;
  stargazers?: number;
}

export interface GeneratedFile {
  type: DatasetFormat;
  /** File name inside outDir. */
  file: string;
  path: string;
  /** Data rows, header excluded. */
  rows: number;
  bytes: number;
  /** Import options this file needs (time zone, connpass event, Slack join date). */
  options?: ImportOptions;
}

export interface GeneratedDataset {
  /** In import order: campaigns, budgets, developers, activities, then the exports. */
  files: GeneratedFile[];
  counts: Partial<Record<DatasetFormat, number>>;
}

const TIMEZONE = 'Asia/Tokyo';
const importOrder: readonly DatasetFormat[] = [...ownFormats, ...presetFormats];

export async function generateDataset(options: DatasetOptions): Promise<GeneratedDataset> {
  const { seed, developers, outDir } = options;
  if (!Number.isInteger(developers) || developers < 1) throw new Error('developers must be a positive integer');
  const activities = options.activities ?? developers * 20;
  const wanted = new Set(options.formats ?? ownFormats);
  const world = makeWorld(seed >>> 0, developers);
  const campaigns = planCampaigns(forkRng(seed, 'campaigns'), options.campaigns ?? Math.min(40, 8 + Math.floor(developers / 2500)));
  // Budget lines also set the campaigns' planned totals, so they come first.
  const budgets = budgetRows(forkRng(seed, 'budgets'), campaigns);
  await mkdir(outDir, { recursive: true });

  const files: GeneratedFile[] = [];
  const write = async (
    type: DatasetFormat,
    file: string,
    run: (path: string) => ReturnType<typeof writeCsv>,
    importOptions?: ImportOptions,
  ) => {
    const written = await run(join(outDir, file));
    files.push({
      type,
      file,
      path: written.path,
      rows: written.rows,
      bytes: written.bytes,
      ...(importOptions ? { options: importOptions } : {}),
    });
  };
  for (const type of importOrder.filter((t) => wanted.has(t))) {
    switch (type) {
      case 'campaigns':
        await write(type, 'campaigns.csv', (p) => writeCsv(p, campaignHeader, campaignRows(campaigns)));
        break;
      case 'budgets':
        await write(type, 'budgets.csv', (p) => writeCsv(p, budgetHeader, budgets));
        break;
      case 'developers':
        await write(type, 'developers.csv', (p) => writeCsv(p, developerHeader, developerRows(world)));
        break;
      case 'activities':
        await write(
          type,
          'activities.csv',
          (p) => writeCsv(p, activityHeader, activityRows(forkRng(seed, 'activities'), { world, campaigns }, activities)),
          { timezone: TIMEZONE },
        );
        break;
      case 'connpass': {
        // The first campaign's meetup (event 123456), whose registrations only this export carries.
        const meetup = campaigns[0];
        const event = meetup?.resources.find((r) => r.category === 'event');
        if (!meetup || !event) break;
        const rows = connpassRows(forkRng(seed, 'connpass'), world, meetup, options.connpassParticipants ?? 120);
        await write(
          type,
          `event_${RESERVED_EVENT_ID}_participants.csv`,
          (p) => writeCsv(p, connpassHeader, rows, { encoding: 'cp932', eol: '\r\n' }),
          {
            timezone: TIMEZONE,
            eventTitle: event.title,
            campaign: meetup.name,
          },
        );
        break;
      }
      case 'github-stars': {
        const count = options.stargazers ?? Math.min(5000, Math.max(20, Math.round(developers / 10)));
        const rows = stargazerRows(forkRng(seed, 'stargazers'), world, count);
        await write(type, 'stargazers.csv', (p) => writeCsv(p, stargazerHeader, rows), { timezone: TIMEZONE });
        break;
      }
      case 'slack-members':
        // Members "joined" when the workspace opened, at the start of the year.
        await write(type, 'slack-members.csv', (p) => writeCsv(p, slackHeader, slackRows(forkRng(seed, 'slack'), world)), {
          timezone: TIMEZONE,
          occurredAt: formatOffset(WINDOW_START + 10 * 3_600_000),
        });
        break;
    }
  }
  return { files, counts: Object.fromEntries(files.map((f) => [f.type, f.rows])) };
}
