/**
 * The year's campaigns and the resources they promote. Small (tens of
 * campaigns), so kept in memory and shared by every file: activities point at
 * these resources, budgets.csv prices them, the connpass export is the
 * first campaign's event.
 */
import { hashString, mix32, type Rng } from './rng';
import { DAY, HOUR, WINDOW_DAYS, WINDOW_END, WINDOW_START, dayStart, formatDate } from './time';

export interface Resource {
  category: 'event' | 'blog' | 'video' | 'link' | 'repo' | 'doc' | 'community';
  title: string;
  url: string;
  externalId: string;
  group: string;
  /** Campaign name, when a campaign promotes it. */
  campaign?: string;
  /** When an event takes place (register before, attend at). */
  at?: number;
}

export interface Campaign {
  name: string;
  channel: 'event' | 'content' | 'ads' | 'hackathon' | 'webinar' | 'newsletter' | 'conference';
  start: number;
  end: number;
  utm: string;
  resources: Resource[];
  /** Set by budgets.ts: planned total in JPY. */
  budgetTotal?: number;
}

export const ORG = 'hikari-example';
/** The connpass export's event: kept out of activities.csv so that no registration is counted twice. */
export const RESERVED_EVENT_ID = '123456';
/** The stargazers export's repository, likewise never starred in activities.csv. */
export const RESERVED_REPO = `${ORG}/hikari-examples`;

const repo = (name: string, campaign?: string): Resource => ({
  category: 'repo',
  title: `${ORG}/${name}`,
  url: `https://github.com/${ORG}/${name}`,
  externalId: `${ORG}/${name}`,
  group: 'sdk',
  ...(campaign ? { campaign } : {}),
});

/** Always there, promoted by no campaign: the product's repos, docs and community. */
export const organicResources: readonly Resource[] = [
  repo('hikari-sdk-js'),
  repo('hikari-sdk-python'),
  repo('hikari-cli'),
  {
    category: 'doc',
    title: 'クイックスタート',
    url: 'https://docs.example.com/ja/quickstart',
    externalId: 'docs/quickstart',
    group: 'docs',
  },
  { category: 'doc', title: 'API Reference', url: 'https://docs.example.com/en/api', externalId: 'docs/api', group: 'docs' },
  {
    category: 'doc',
    title: 'ホワイトペーパー: 開発者体験の測り方',
    url: 'https://www.example.com/whitepaper/dx.pdf',
    externalId: 'wp-dx',
    group: 'whitepaper',
  },
  {
    category: 'blog',
    title: 'Hikari API とは',
    url: 'https://devrel.example.com/blog/what-is-hikari',
    externalId: 'what-is-hikari',
    group: 'blog',
  },
  {
    category: 'community',
    title: 'Hikari Developers (Discord)',
    url: 'https://discord.example.com/hikari',
    externalId: 'discord',
    group: 'community',
  },
  {
    category: 'community',
    title: 'Hikari User Group (connpass)',
    url: 'https://hikari-ug.connpass.example.jp/',
    externalId: 'connpass-group',
    group: 'community',
  },
];

const blogTitles = [
  'Getting Started',
  'Hikari API 2.0 の新機能',
  'Rate Limits Deep Dive',
  'Next.js で始める Hikari',
  'Webhooks 入門',
  'Edge Functions と Hikari',
];
const webinarTitles = ['はじめての Hikari API', 'Observability 入門', 'Security Best Practices', 'データ連携ハンズオン'];

const seasonOf = (month: number) =>
  month >= 3 && month <= 5 ? 'Spring' : month >= 6 && month <= 8 ? 'Summer' : month >= 9 && month <= 11 ? 'Autumn' : 'Winter';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** A short-link code, stable per (campaign, n). */
const shortCode = (name: string, n: number) =>
  mix32(hashString(name) + n)
    .toString(36)
    .slice(0, 6);

function link(c: Campaign, n: number, label: string): Resource {
  const code = shortCode(c.name, n);
  return {
    category: 'link',
    title: `${c.name} — ${label}`,
    url: `https://go.example.jp/${code}`,
    externalId: code,
    group: 'shortlink',
    campaign: c.name,
  };
}

function event(c: Campaign, id: string, title: string, group: string, at: number): Resource {
  return { category: 'event', title, url: `https://connpass.com/event/${id}/`, externalId: id, group, campaign: c.name, at };
}

function content(c: Campaign, category: 'blog' | 'video', title: string, group: string): Resource {
  const id = `${slug(c.name) || 'post'}-${shortCode(title, 1)}`;
  const base = category === 'blog' ? 'https://devrel.example.com/blog/' : 'https://video.example.com/watch/';
  return { category, title, url: base + id, externalId: id, group, campaign: c.name };
}

/** `count` campaigns spread over the year, cycling through eight kinds. */
export function planCampaigns(rng: Rng, count: number): Campaign[] {
  const campaigns: Campaign[] = [];
  const names = new Set<string>();
  for (let k = 0; k < count; k++) {
    const kind = k % 8;
    const round = Math.floor(k / 8);
    const start = dayStart(WINDOW_START + (14 + Math.floor((k * (WINDOW_DAYS - 60)) / count)) * DAY);
    // Events fall on the 33rd day at 13:00: the first is Saturday 2024-05-18, as in the example.
    const at = start + 33 * DAY + 13 * HOUR;
    // Events are named after the month they happen in; ads and newsletters after their start.
    const month = formatDate(at).slice(0, 7);
    const startMonth = formatDate(start).slice(0, 7);
    const year = month.slice(0, 4);
    const [channel, base, days]: readonly [Campaign['channel'], string, number] = (
      [
        ['event', `Tokyo Meetup ${month}`, 40],
        ['content', `Blog: ${blogTitles[round % blogTitles.length]}`, 60],
        ['ads', `X Ads ${startMonth.slice(0, 4)}Q${Math.floor((Number(startMonth.slice(5)) - 1) / 3) + 1}`, 30],
        ['hackathon', `${seasonOf(Number(month.slice(5)))} Hackathon ${year}`, 45],
        ['webinar', `Webinar: ${webinarTitles[round % webinarTitles.length]}`, 40],
        ['event', `Osaka Meetup ${month}`, 40],
        ['newsletter', `Newsletter ${startMonth}`, 14],
        ['conference', `Hikari Conf ${year}`, 50],
      ] satisfies [Campaign['channel'], string, number][]
    )[kind] ?? ['event', `Campaign ${k}`, 30];
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base} #${n}`;
    names.add(name);
    const c: Campaign = { name, channel, start, end: Math.min(start + days * DAY, WINDOW_END - DAY), utm: slug(name), resources: [] };
    const eventId = k === 0 ? RESERVED_EVENT_ID : String(200_000 + (mix32(hashString(name)) % 700_000));
    const r = c.resources;
    if (kind === 0 || kind === 5)
      r.push(
        event(c, eventId, `Hikari ${kind === 0 ? 'Tokyo' : 'Osaka'} Meetup #${10 + k}`, kind === 0 ? 'meetup-tokyo' : 'meetup-osaka', at),
      );
    if (kind === 1) for (const t of [base.slice(6), `${base.slice(6)} (後編)`]) r.push(content(c, 'blog', t, 'blog'));
    if (kind === 3) r.push(event(c, eventId, name, 'hackathon', at), repo(`${slug(name)}-starter`, name));
    if (kind === 4) r.push(event(c, eventId, name, 'webinar', at), content(c, 'video', `${name} (録画)`, 'video'));
    if (kind === 7)
      r.push(
        event(c, eventId, name, 'conference', at),
        content(c, 'video', `${name} Keynote`, 'video'),
        content(c, 'video', `${name} セッション`, 'video'),
      );
    // Every campaign promotes itself through at least one short link (clicks carry its utm).
    r.push(link(c, 1, 'announcement'));
    if (channel === 'ads' || channel === 'newsletter') r.push(link(c, 2, rng.pick(['landing page', 'signup', 'docs'])));
    campaigns.push(c);
  }
  return campaigns;
}

export const campaignHeader = ['name', 'channel', 'start_date', 'end_date', 'budget_total', 'utm_campaign'] as const;

export function* campaignRows(campaigns: readonly Campaign[]): Generator<string[]> {
  for (const c of campaigns) {
    yield [c.name, c.channel, formatDate(c.start), formatDate(c.end), c.budgetTotal === undefined ? '' : String(c.budgetTotal), c.utm];
  }
}
