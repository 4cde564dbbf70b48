/**
 * The "identities" shape of bench:import (issue 12 §1): an activities file
 * where each person is reachable by several keys, so resolution, not the
 * activity rows, is what the import spends its time on.
 *
 * - P people (default rows / 5.7, ≈35k for 200k rows), each working at one
 *   of 1,500 organizations (Zipf-skewed) that has a company domain;
 * - 2–4 emails per person: one at the company domain, the rest free mail;
 * - accounts on 2–3 of github / x / connpass / slack / discord (Slack by
 *   user id, the others by handle);
 * - each row picks a person (skewed towards a few busy ones) and reaches them
 *   by one email only (40 %), one account only (35 %) or an account plus one
 *   of the emails (25 %); a display name on half the rows, the organization
 *   on 30 %, 30 campaigns, resources, utm on clicks, source_ref on 90 %.
 *
 * Deterministic and streaming: a person is computed from their index and the
 * seed, so memory stays flat in rows and people. Same options → the same bytes.
 */
import { activityHeader } from './activities';
import { writeCsv, type WrittenCsv } from './csv';
import { freeMailDomains } from './names';
import { forkRng, unit, unitInt } from './rng';
import { DAY, WINDOW_DAYS, WINDOW_START, formatLocal, formatUtc } from './time';

export interface IdentitiesOptions {
  rows: number;
  seed: number;
  /** People behind the rows; default rows / 5.7. */
  people?: number;
}

export const IDENTITY_ORGANIZATIONS = 1_500;
const CAMPAIGNS = 30;
const RESOURCES = 400;
const SERVICES = ['github', 'x', 'connpass', 'slack', 'discord'] as const;
const GIVEN = [
  'taro',
  'hanako',
  'ken',
  'yuki',
  'sora',
  'aoi',
  'ren',
  'mei',
  'haruto',
  'yui',
  'alex',
  'sam',
  'chris',
  'jordan',
  'taylor',
  'morgan',
];
const FAMILY = ['sato', 'suzuki', 'takahashi', 'tanaka', 'ito', 'watanabe', 'yamamoto', 'nakamura', 'kobayashi', 'kato', 'smith', 'jones'];
const ACTIONS: readonly (readonly [string, string])[] = [
  ['view', 'web'],
  ['click', 'shortlink'],
  ['star', 'github'],
  ['register', 'connpass'],
  ['attend', 'connpass'],
  ['comment', 'github'],
  ['download', 'web'],
  ['signup', 'console'],
  ['api_call', 'api'],
  ['install', 'cli'],
  ['post', 'x'],
  ['pr', 'github'],
];

/** Column positions in the activities template's header. */
const C = Object.fromEntries(activityHeader.map((name, i) => [name, i])) as Record<(typeof activityHeader)[number], number>;

export const defaultPeople = (rows: number): number => Math.max(1, Math.round(rows / 5.7));

interface Person {
  name: string;
  organization: string;
  emails: string[];
  accounts: (readonly [string, string])[];
}

/** Person `i` of the world of `seed`: the same every time it is asked for. */
export function identityPerson(seed: number, i: number): Person {
  const given = GIVEN[unitInt(seed, i, 1, GIVEN.length)]!;
  const family = FAMILY[unitInt(seed, i, 2, FAMILY.length)]!;
  const org = Math.floor(unit(seed, i, 3) ** 1.5 * IDENTITY_ORGANIZATIONS);
  const emails = [`${given}.${family}.${i}@corp${org}.co.jp`];
  const emailCount = 2 + unitInt(seed, i, 4, 3);
  for (let k = 1; k < emailCount; k++) {
    emails.push(`${family}${given}${i}${k === 1 ? '' : k}@${freeMailDomains[unitInt(seed, i, 10 + k, freeMailDomains.length)]}`);
  }
  // 2–3 distinct services: a rotation of the list from a per-person start.
  const first = unitInt(seed, i, 5, SERVICES.length);
  const accountCount = 2 + unitInt(seed, i, 6, 2);
  const accounts = Array.from({ length: accountCount }, (_, k) => {
    const service = SERVICES[(first + k * 2) % SERVICES.length]!;
    return [service, service === 'slack' ? `U${(1e8 + i).toString(36).toUpperCase()}` : `${given}${family}${i}`] as const;
  });
  return { name: `${family} ${given}`, organization: `Company ${org}`, emails, accounts };
}

function* identityRows(options: IdentitiesOptions, people: number): Generator<string[]> {
  const rng = forkRng(options.seed, 'identities');
  for (let r = 0; r < options.rows; r++) {
    const p = identityPerson(options.seed, Math.floor(rng.next() ** 1.3 * people));
    const [action, source] = rng.pick(ACTIONS);
    const at = WINDOW_START + Math.floor(rng.next() * WINDOW_DAYS * DAY);
    const row = new Array<string>(activityHeader.length).fill('');
    // Mostly local times (the import's zone), some in UTC: the DuckDB check reads both.
    row[C.occurred_at] = rng.chance(0.9) ? formatLocal(at) : formatUtc(at);
    row[C.action] = action;
    row[C.source] = source;
    const how = rng.next();
    if (how < 0.4) row[C.email] = rng.pick(p.emails);
    else {
      const [provider, handle] = rng.pick(p.accounts);
      row[C.provider] = provider;
      row[C.handle] = handle;
      if (how >= 0.75) row[C.email] = rng.pick(p.emails);
    }
    if (rng.chance(0.5)) row[C.display_name] = p.name;
    if (rng.chance(0.3)) row[C.organization] = p.organization;
    const campaign = rng.chance(0.4) ? rng.int(0, CAMPAIGNS - 1) : undefined;
    const resource = rng.int(0, RESOURCES - 1);
    row[C.resource_category] = 'blog';
    row[C.resource_title] = `Post ${resource}`;
    row[C.resource_url] = `https://blog.example.com/p/${resource}`;
    if (campaign !== undefined && rng.chance(0.5)) row[C.campaign] = `Campaign ${campaign}`;
    if (rng.chance(0.9)) row[C.source_ref] = `id_${r}`;
    if (campaign !== undefined && action === 'click') {
      row[C.utm_source] = 'newsletter';
      row[C.utm_medium] = 'email';
      row[C.utm_campaign] = `cmp_${campaign}`;
    }
    yield row;
  }
}

/** Writes the identities-shape activities file to `path`; returns what was written and for how many people. */
export async function writeIdentities(path: string, options: IdentitiesOptions): Promise<WrittenCsv & { people: number }> {
  const people = options.people ?? defaultPeople(options.rows);
  const written = await writeCsv(path, activityHeader, identityRows(options, people));
  return { ...written, people };
}
