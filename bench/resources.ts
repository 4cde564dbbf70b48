/**
 * Resources and event pages at 1M activities (README "Resources and events"):
 * the list, every event's figures, and the page of the busiest event and of
 * the busiest blog post, through the app's handlers, on the bench:queries
 * dataset (reused with `--data-dir`).
 *
 * Same-run baseline: the floor of a page, a plain select of the resource's
 * activities through idx_activities_tenant_res — what any page about it must
 * read at least.
 *
 * Checks (exit 1 on a mismatch), each against plain JavaScript over rows read
 * with plain selects: the pages' activities and counted developers per action,
 * the event's registered / cancelled / attended by each developer's last
 * status, the campaigns' activities and weights, and the timeline's total.
 *
 *   npm run bench:resources -- --data-dir /var/tmp/drm-bench-1m
 *   npm run bench:resources -- --data-dir DIR --runs 20
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import pg from 'pg';
import type { ResourceReport } from '../src-shared/contract/resources';
import { DEFAULT_TENANT } from '../src-main/core/db/seed';
import { cleanUpOnSignals, cleanups, runBenchmark } from './cleanup';
import { dataUrl, prepareDataDir } from './dataset';
import { formatTable, timeRuns, type Row } from './timing';
import { call } from '../test/helpers/merges';

const usage = `usage: npm run bench:resources -- [--data-dir DIR] [--runs N]
  --data-dir  the bench:queries data folder (100k developers, 1M activities, seed 42) to reuse; made when new
  --runs      timed calls per page after 3 untimed (default 20)`;

const { values: args } = parseArgs({
  options: { 'data-dir': { type: 'string' }, runs: { type: 'string', default: '20' }, help: { type: 'boolean', default: false } },
});

/** Issue 12's dashboard target at 1M. */
const TARGET_MS = 50;

interface Activity {
  activity_id: string;
  developer_id: string | null;
  action: string;
  occurred_at: Date;
}

/** The developers analytics counts: consent, and not merged into another (an undone merge no longer counts). */
async function countedDevelopers(client: pg.Client): Promise<Set<string>> {
  const consent = await client.query<{ id: string }>('select developer_id as id from developers where consent_analytics');
  const logs = await client.query<{ from: string; merge: string; action: string | null; undoes: string | null }>(
    `select from_developer_id as from, merge_id as merge, evidence->>'action' as action, evidence->>'mergeId' as undoes from developer_merge_logs`,
  );
  const undone = new Set(logs.rows.filter((l) => l.action === 'unmerge').map((l) => l.undoes));
  const away = new Set(logs.rows.filter((l) => l.action === 'merge' && !undone.has(l.merge)).map((l) => l.from));
  return new Set(consent.rows.map((r) => r.id).filter((id) => !away.has(id)));
}

/** What a page's figures must be, from its activities and their campaign rows. */
async function expected(client: pg.Client, resourceId: string, counted: Set<string>) {
  const { rows } = await client.query<Activity>(
    'select activity_id, developer_id, action, occurred_at from activities where resource_id = $1',
    [resourceId],
  );
  const actions = new Map<string, { activities: number; developers: Set<string> }>();
  for (const a of rows) {
    const entry = actions.get(a.action) ?? { activities: 0, developers: new Set<string>() };
    entry.activities++;
    if (a.developer_id !== null && counted.has(a.developer_id)) entry.developers.add(a.developer_id);
    actions.set(a.action, entry);
  }
  const campaignRows = await client.query<{ campaign_id: string; weight: string }>(
    'select campaign_id, weight from activity_campaigns where activity_id = any($1::uuid[])',
    [rows.map((a) => a.activity_id)],
  );
  const campaigns = new Map<string, { activities: number; weight: number }>();
  for (const c of campaignRows.rows) {
    const entry = campaigns.get(c.campaign_id) ?? { activities: 0, weight: 0 };
    entry.activities++;
    entry.weight += Number(c.weight);
    campaigns.set(c.campaign_id, entry);
  }
  // Each counted developer once, by their last status: attended if any attendance; else cancelled when the
  // latest registration or cancellation is a cancellation (a tie goes to the cancellation); else registered.
  const people = new Map<string, { attended: boolean; last?: { at: number; action: string } }>();
  for (const a of rows) {
    if (a.developer_id === null || !counted.has(a.developer_id) || !['register', 'cancel', 'attend'].includes(a.action)) continue;
    const p = people.get(a.developer_id) ?? { attended: false };
    if (a.action === 'attend') p.attended = true;
    else {
      const at = a.occurred_at.getTime();
      if (!p.last || at > p.last.at || (at === p.last.at && a.action === 'cancel')) p.last = { at, action: a.action };
    }
    people.set(a.developer_id, p);
  }
  const all = [...people.values()];
  return {
    activities: rows.length,
    actions: new Map([...actions].map(([action, e]) => [action, { activities: e.activities, developers: e.developers.size }])),
    campaigns,
    event: {
      registered: all.length,
      attended: all.filter((p) => p.attended).length,
      cancelled: all.filter((p) => !p.attended && p.last?.action === 'cancel').length,
    },
  };
}

/** Differences between a page and what its rows say (empty when they agree). */
function differences(report: ResourceReport, want: Awaited<ReturnType<typeof expected>>): string[] {
  const out: string[] = [];
  const actions = new Map(report.actions.map((a) => [a.action, { activities: a.activities, developers: a.developers }]));
  if (!isDeepStrictEqual(actions, want.actions)) out.push(`actions ${JSON.stringify([...actions])} ≠ ${JSON.stringify([...want.actions])}`);
  const timeline = report.timeline.reduce((sum, p) => sum + p.activities, 0);
  if (timeline !== want.activities) out.push(`timeline total ${timeline} ≠ ${want.activities}`);
  const campaigns = new Map(report.campaigns.map((c) => [c.campaignId, c]));
  if (campaigns.size !== want.campaigns.size) out.push(`campaigns ${campaigns.size} ≠ ${want.campaigns.size}`);
  for (const [id, c] of want.campaigns) {
    const got = campaigns.get(id);
    if (!got || got.activities !== c.activities || Math.abs(got.weight - c.weight) > 1e-9) {
      out.push(`campaign ${id}: ${JSON.stringify(got)} ≠ ${JSON.stringify(c)}`);
    }
  }
  if (report.event) {
    const { registered, cancelled, attended } = report.event.figures;
    if (!isDeepStrictEqual({ registered, attended, cancelled }, want.event)) {
      out.push(`event ${JSON.stringify({ registered, attended, cancelled })} ≠ ${JSON.stringify(want.event)}`);
    }
  }
  return out;
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const runs = Number(args.runs);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer\n${usage}`);
  const { core, dataDir } = await prepareDataDir({ developers: 100_000, activities: 1_000_000, seed: 42 }, args['data-dir'], 'Asia/Tokyo');
  cleanups.push(() => core.stop());
  const client = new pg.Client(dataUrl(dataDir));
  await client.connect();
  cleanups.push(() => client.end());
  console.log(
    `machine: load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; Node ${process.version}\n`,
  );

  const busiest = async (categories: string[]) =>
    (
      await client.query<{ id: string; title: string; n: string }>(
        `select r.resource_id as id, r.title, count(*) as n from resources r join activities a on a.resource_id = r.resource_id
          where r.category = any($1::text[]) group by r.resource_id, r.title order by count(*) desc, r.resource_id limit 1`,
        [categories],
      )
    ).rows[0];
  const event = await busiest(['event', 'webinar']);
  const blog = await busiest(['blog']);
  if (!event || !blog) throw new Error('the dataset holds no event or no blog post');
  const pages = [
    { name: `event page (${Number(event.n).toLocaleString('en-US')} activities)`, id: event.id },
    { name: `blog post page (${Number(blog.n).toLocaleString('en-US')} activities)`, id: blog.id },
  ];

  const rows: Row[] = [];
  const timed = async <T>(name: string, run: () => Promise<T>, targetMs?: number, detail = ''): Promise<T> => {
    const t = await timeRuns(run, runs);
    rows.push({ name, ms: t.ms, ...(targetMs === undefined ? {} : { targetMs }), detail });
    return t.first;
  };
  await timed('resources list, first page', () => call(core, 'resources:list', {}), TARGET_MS);
  const events = await timed('every event’s figures', () => call(core, 'resources:get-events', {}), TARGET_MS);
  const problems: string[] = [];
  const counted = await countedDevelopers(client);
  for (const page of pages) {
    const report = await timed(page.name, () => call(core, 'resources:get-report', { resourceId: page.id, bucket: 'week' }), TARGET_MS);
    await timed(
      '  floor: a plain select of its activities',
      () => client.query('select * from activities a where a.tenant_id = $1 and a.resource_id = $2', [DEFAULT_TENANT, page.id]),
      undefined,
      '(same-run baseline)',
    );
    const found = differences(report, await expected(client, page.id, counted));
    problems.push(...found.map((p) => `${page.name}: ${p}`));
    console.log(
      `${page.name}: ${found.length === 0 ? 'MATCH' : 'MISMATCH'} (actions, counted developers, campaigns, timeline${report.event ? ', event figures' : ''})`,
    );
  }
  console.log(`${events.length} events\n`);
  for (const line of formatTable(rows)) console.log(line);
  console.log(
    `\nload after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (const p of problems) console.error(`MISMATCH ${p}`);
  console.log(`checks: ${problems.length === 0 ? 'MATCH' : 'MISMATCH'}`);
  return problems.length === 0 ? 0 : 1;
}

cleanUpOnSignals();
await runBenchmark(main);
