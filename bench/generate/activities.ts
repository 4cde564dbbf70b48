/**
 * activities.csv rows in the app's own template, one generator yielding rows
 * so the writer can stream them. Realism that the import and the dashboards
 * care about:
 * - action frequencies: view/click dominate, advocacy actions are rare;
 * - a funnel: each person has a stage (people.ts) and only does actions of
 *   that stage or below, so most stay aware and a few advocate;
 * - actors identified the way each source can: provider + handle, Slack by
 *   user id, forms by email, short-link clicks mostly by an anonymous id;
 * - resources tied to campaigns, utm on clicks, time zones written three ways,
 *   a unique source_ref on most rows and none on some.
 */
import { type Campaign, organicResources, RESERVED_EVENT_ID, type Resource } from './campaigns';
import { userAgents } from './names';
import { cachedPersonAt, traitsAt, type Person, type Provider, type Stage, type Traits, type World } from './people';
import { mix32, Weighted, type Rng } from './rng';
import { DAY, WINDOW_DAYS, WINDOW_END, WINDOW_START, formatLocal, formatOffset, formatUtc } from './time';

export const activityHeader = [
  'occurred_at',
  'action',
  'source',
  'provider',
  'external_user_id',
  'handle',
  'email',
  'display_name',
  'organization',
  'anon_id',
  'resource_category',
  'resource_title',
  'resource_url',
  'resource_external_id',
  'resource_group',
  'campaign',
  'source_ref',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  // Not template fields: the import keeps them in metadata.
  'user_agent',
  'lang',
] as const;

type Identity = Provider | 'email';
interface Spec {
  action: string;
  stage: Stage;
  /** Share of rows with no known person (anon_id only). */
  anon: number;
  /** How the source identifies people, in the order it is tried. */
  ids: readonly Identity[];
}

// Weights are per 100 rows.
const specs = new Weighted<Spec>([
  [{ action: 'view', stage: 0, anon: 0.35, ids: ['email', 'github'] }, 30],
  // Newsletter links know the reader's address; links posted on X know nobody.
  [{ action: 'click', stage: 0, anon: 0.75, ids: ['email'] }, 25],
  [{ action: 'star', stage: 0, anon: 0, ids: ['github'] }, 6],
  [{ action: 'register', stage: 0, anon: 0, ids: ['connpass'] }, 6],
  [{ action: 'attend', stage: 1, anon: 0, ids: ['connpass'] }, 4],
  [{ action: 'comment', stage: 1, anon: 0, ids: ['github', 'slack', 'discord'] }, 4],
  [{ action: 'join', stage: 1, anon: 0, ids: ['discord', 'connpass'] }, 3],
  [{ action: 'download', stage: 1, anon: 0, ids: ['email'] }, 4],
  [{ action: 'signup', stage: 2, anon: 0, ids: ['email'] }, 2.5],
  [{ action: 'api_call', stage: 2, anon: 0, ids: ['email'] }, 4],
  [{ action: 'install', stage: 2, anon: 0, ids: ['email', 'github'] }, 2],
  [{ action: 'post', stage: 3, anon: 0, ids: ['x', 'email'] }, 0.6],
  [{ action: 'talk', stage: 3, anon: 0, ids: ['connpass'] }, 0.2],
  [{ action: 'contribute', stage: 3, anon: 0, ids: ['github'] }, 0.5],
  [{ action: 'pr', stage: 3, anon: 0, ids: ['github'] }, 0.7],
]);

// Working hours and evenings in Japan; few rows at night.
const hours = new Weighted<number>(
  Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 0.3 : h < 9 ? 1.5 : h < 19 ? 5 : h < 24 ? 3 : 1] as const),
);

const has = (t: Traits, id: Identity) => (id === 'email' ? t.email !== 'none' : t.accounts[id]);

export interface ActivityPlan {
  world: World;
  campaigns: readonly Campaign[];
}

/** Resources per use, computed once. */
function catalogue(campaigns: readonly Campaign[]) {
  const all = [...campaigns.flatMap((c) => c.resources), ...organicResources];
  const of = (...categories: Resource['category'][]) => all.filter((r) => categories.includes(r.category));
  return {
    readable: of('blog', 'video', 'doc', 'event'),
    links: of('link'),
    repos: of('repo'),
    events: of('event').filter((r) => r.externalId !== RESERVED_EVENT_ID),
    docs: of('doc'),
    communities: of('community'),
    cli: organicResources.filter((r) => r.externalId.endsWith('hikari-cli')),
  };
}

export function* activityRows(rng: Rng, plan: ActivityPlan, count: number): Generator<string[]> {
  const { world } = plan;
  const cat = catalogue(plan.campaigns);
  const utmByCampaign = new Map(plan.campaigns.map((c) => [c.name, c] as const));
  const anonPool = Math.max(10, world.developers * 2);

  const newcomers = Math.ceil(world.developers / 10);
  /**
   * Skewed towards low indices: a few people are very active, most appear a
   * handful of times. 8% of rows come from people missing from developers.csv
   * (the next N/10 indices), whom the import has to create.
   */
  const drawPerson = (spec: Spec): { person: Person; id: Identity } | undefined => {
    for (let tries = 0; tries < 400; tries++) {
      const i = rng.chance(0.08) ? world.developers + Math.floor(rng.next() * newcomers) : Math.floor(world.developers * rng.next() ** 1.6);
      const t = traitsAt(world, i);
      if (t.stage < spec.stage) continue;
      const ids = spec.ids.filter((id) => has(t, id));
      if (ids.length > 0) return { person: cachedPersonAt(world, i), id: rng.pick(ids) };
    }
    return undefined;
  };

  /**
   * A time in [from, to) at waking hours. Organic activity grows over the year
   * (weighted towards the end); a campaign's is front-loaded (launch, then decay).
   */
  const timeIn = (from: number, to: number, growing: boolean): number => {
    const span = Math.max(DAY, to - from);
    const u = rng.next();
    const day = Math.floor(((growing ? Math.sqrt(u) : u * u) * span) / DAY);
    return Math.min(WINDOW_END - 1, from + day * DAY + hours.draw(rng) * 3_600_000 + rng.int(0, 3599) * 1000);
  };

  for (let n = 1; n <= count; n++) {
    let spec = specs.draw(rng);
    const row: string[] = new Array<string>(activityHeader.length).fill('');
    const chosen = rng.chance(spec.anon) ? undefined : drawPerson(spec);
    // Nobody fits (tiny worlds): the row becomes an anonymous page view.
    if (chosen === undefined && spec.anon === 0) spec = { action: 'view', stage: 0, anon: 1, ids: [] };
    const { action } = spec;
    const placed = placeAction(rng, cat, action, chosen);
    const { resource, source } = placed;
    let { at } = placed;
    const campaign = resource?.campaign === undefined ? undefined : utmByCampaign.get(resource.campaign);
    at ??= campaign ? timeIn(campaign.start, campaign.end + 20 * DAY, false) : timeIn(WINDOW_START, WINDOW_START + WINDOW_DAYS * DAY, true);

    const form = rng.next();
    row[0] = form < 0.88 ? formatLocal(at) : form < 0.95 ? formatOffset(at) : formatUtc(at);
    row[1] = action;
    row[2] = source;
    if (chosen === undefined) {
      // A short-link visitor: one stable id per visitor (mix32 is a bijection, so ids are distinct).
      row[9] = `v_${mix32((rng.int(0, anonPool - 1) + 0x27d4eb2d) ^ world.seed)
        .toString(36)
        .padStart(7, '0')}`;
    } else {
      fillActor(row, rng, chosen.person, chosen.id, action);
    }
    if (resource) {
      row[10] = resource.category;
      row[11] = resource.title;
      row[12] = resource.url;
      row[13] = resource.externalId;
      row[14] = resource.group;
    }
    // Some rows name their campaign; the rest reach it through utm or the resource.
    if (campaign && rng.chance(action === 'click' ? 0.3 : 0.5)) row[15] = campaign.name;
    if (rng.chance(0.92)) row[16] = `evt_${n}`;
    if (action === 'click' && campaign) {
      const [utmSource, utmMedium] = rng.pick([
        ['x', 'social'],
        ['newsletter', 'email'],
        ['connpass', 'referral'],
        ['google', 'cpc'],
        ['qiita', 'referral'],
      ] as const);
      row[17] = utmSource;
      row[18] = utmMedium;
      row[19] = campaign.utm;
    }
    // Only some web tools export the user agent.
    if ((source === 'web' || source === 'shortlink' || source === 'console') && rng.chance(0.4)) row[20] = rng.pick(userAgents);
    row[21] = chosen ? chosen.person.lang : rng.chance(0.7) ? 'ja' : '';
    yield row;
  }
}

/**
 * Where an action happens: the resource it touches, the source that exports
 * it and, for event actions, its time (else left to the caller). Draws from
 * `rng` in a fixed order: the dataset for a seed never changes.
 */
function placeAction(
  rng: Rng,
  cat: ReturnType<typeof catalogue>,
  action: string,
  chosen: { id: Identity } | undefined,
): { resource: Resource | undefined; source: string; at: number | undefined } {
  let resource: Resource | undefined;
  let source = 'web';
  let at: number | undefined;
  switch (action) {
    case 'view':
      resource = rng.pick(cat.readable);
      source = resource.category === 'video' ? 'youtube' : 'web';
      break;
    case 'click':
      resource = rng.pick(cat.links);
      source = 'shortlink';
      break;
    case 'star':
    case 'contribute':
    case 'pr':
      resource = rng.pick(cat.repos);
      source = 'github';
      break;
    case 'register':
    case 'attend':
    case 'talk': {
      resource = rng.pick(cat.events);
      source = 'connpass';
      const eventAt = resource.at ?? WINDOW_START;
      // Registrations open ~4 weeks ahead; check-in around the start; talks during.
      at =
        action === 'register'
          ? eventAt - rng.int(3600, 25 * 86400) * 1000
          : eventAt + rng.int(action === 'talk' ? 1800 : -900, action === 'talk' ? 10_800 : 2400) * 1000;
      break;
    }
    case 'comment':
      source = chosen?.id === 'github' ? 'github' : (chosen?.id ?? 'slack');
      if (source === 'github') resource = rng.pick(cat.repos);
      break;
    case 'join':
      source = chosen?.id === 'connpass' ? 'connpass' : 'discord';
      resource = cat.communities.find((r) => r.externalId === (source === 'connpass' ? 'connpass-group' : 'discord'));
      break;
    case 'download':
      resource = rng.pick(cat.docs);
      break;
    case 'signup':
      source = 'console';
      break;
    case 'api_call':
      source = 'api';
      break;
    case 'install':
      source = 'cli';
      resource = rng.pick(cat.cli);
      break;
    case 'post':
      source = chosen?.id === 'x' ? 'x' : 'blog';
      break;
  }
  return { resource, source, at };
}

function fillActor(row: string[], rng: Rng, p: Person, id: Identity, action: string): void {
  switch (id) {
    case 'email':
      row[6] = p.email ?? p.altEmail;
      row[7] = p.displayName;
      if (p.organization && rng.chance(0.6)) row[8] = p.organization;
      // Sign-ups with "Continue with GitHub" bring the login too.
      if (action === 'signup' && p.github && rng.chance(0.3)) {
        row[3] = 'github';
        row[5] = p.github;
      }
      return;
    case 'slack':
      row[3] = 'slack';
      row[4] = p.slackId ?? '';
      row[5] = p.slackName ?? '';
      return;
    default:
      row[3] = id;
      row[5] = p[id] ?? '';
      if (rng.chance(0.3)) row[7] = id === 'connpass' ? p.displayName : p.romanName;
  }
}
