/**
 * Developers as pure functions of (seed, index): `traitsAt` is the cheap part
 * (stage, which accounts exist) that activity rows test many times while
 * choosing an actor; `personAt` builds the strings once a person is chosen.
 *
 * Uniqueness without memory: person i works at company i mod C, slot
 * k = ⌊i / C⌋, and the slot picks a family name through a per-company
 * permutation, so nobody in a company shares a family name and every company
 * address is distinct. Free-mail addresses and handles end in i + 1, which is
 * distinct by construction. Each person is then exactly one developer for
 * identity resolution, and imported counts match what was generated.
 */
import { capitalise, englishFirstNames, englishLastNames, freeMailDomains, japaneseFamilies, japaneseGivenNames, jobTags } from './names';
import { orgAt, type Org } from './orgs';
import { mix32, unit, unitInt } from './rng';

/** 0 awareness, 1 engagement, 2 adoption, 3 advocacy (the seeded funnel stages). */
export type Stage = 0 | 1 | 2 | 3;
export type Provider = 'github' | 'x' | 'slack' | 'connpass' | 'discord';

export interface Traits {
  stage: Stage;
  japanese: boolean;
  email: 'company' | 'free' | 'none';
  accounts: Readonly<Record<Provider, boolean>>;
}

export interface Person {
  index: number;
  traits: Traits;
  displayName: string;
  /** Latin-script name, as English-language services show it. */
  romanName: string;
  email?: string;
  /** A private address the person uses elsewhere (Slack, forms): a new email for the same account. */
  altEmail: string;
  organization?: string;
  lang: 'ja' | 'en';
  tags: string[];
  consent: string;
  github?: string;
  githubId: number;
  x?: string;
  slackId?: string;
  slackName?: string;
  connpass?: string;
  discord?: string;
}

export interface World {
  seed: number;
  /** People in developers.csv; exports may add a few beyond it (new to the app). */
  developers: number;
  orgs: number;
}

// About twenty people per company, as in a community of mostly small teams.
export const makeWorld = (seed: number, developers: number): World => ({ seed, developers, orgs: Math.max(1, Math.ceil(developers / 20)) });

const JF = japaneseFamilies.length;
const FAMILIES = JF + englishLastNames.length;
if (FAMILIES !== 89) throw new Error('people.ts: family names must total 89 (a prime) for the per-company permutation');
// Salts name independent draws per person.
const S = { stage: 1, email: 2, github: 3, x: 4, slack: 5, connpass: 6, discord: 7, given: 8, variant: 9, sep: 10, hasOrg: 11 } as const;
const S2 = { gh: 12, xs: 13, cp: 14, dc: 15, mail: 16, tag: 17, consent: 18, lang: 19, free: 20, caps: 21, extraTag: 22 } as const;

function familyIndex(world: World, i: number): { family: number; slot: number } {
  const o = i % world.orgs;
  const slot = Math.floor(i / world.orgs);
  // A per-company permutation of the family names: slot → (a·slot + b) mod 89.
  // 89 is prime, so every a in 1…88 gives a permutation.
  const family =
    slot < FAMILIES
      ? (unitInt(world.seed, o, 1000, FAMILIES - 1) + 1) * slot + unitInt(world.seed, o, 1001, FAMILIES)
      : unitInt(world.seed, i, 999, FAMILIES);
  return { family: family % FAMILIES, slot };
}

export function traitsAt(world: World, i: number): Traits {
  const u = (salt: number) => unit(world.seed, i, salt);
  const s = u(S.stage);
  const stage: Stage = s < 0.03 ? 3 : s < 0.12 ? 2 : s < 0.4 ? 1 : 0;
  const japanese = familyIndex(world, i).family < JF;
  const e = u(S.email);
  const email = e < 0.6 ? 'company' : e < 0.92 ? 'free' : 'none';
  const accounts = {
    github: u(S.github) < 0.7 + 0.08 * stage,
    x: u(S.x) < 0.45 + (stage >= 2 ? 0.15 : 0),
    slack: u(S.slack) < 0.25 + 0.12 * stage,
    connpass: u(S.connpass) < (japanese ? 0.65 : 0.2),
    discord: u(S.discord) < 0.25,
  };
  // Someone the file cannot identify would be no developer at all.
  if (email === 'none' && !Object.values(accounts).some(Boolean)) accounts.github = true;
  return { stage, japanese, email, accounts };
}

/** `${prefix}${n}${suffix}`: the prefix has no digits, so the number (i + 1) keeps handles distinct. */
function handle(forms: readonly string[], pick: number, n: number): string {
  return (forms[pick % forms.length] ?? '').replace('#', String(n));
}

// A few active people appear on many rows: a small direct-mapped cache saves
// rebuilding their strings while keeping memory constant.
const CACHE_SLOTS = 4096;
const cache = new Map<number, Person>();
let cacheWorld: World | undefined;

/** personAt through a fixed-size cache (same result, fewer allocations on hot people). */
export function cachedPersonAt(world: World, i: number): Person {
  if (cacheWorld !== world) {
    cache.clear();
    cacheWorld = world;
  }
  const slot = i % CACHE_SLOTS;
  const hit = cache.get(slot);
  if (hit?.index === i) return hit;
  const person = personAt(world, i);
  cache.set(slot, person);
  return person;
}

export function personAt(world: World, i: number): Person {
  const { seed } = world;
  const u = (salt: number) => unit(seed, i, salt);
  const traits = traitsAt(world, i);
  const { family: f, slot } = familyIndex(world, i);
  const n = i + 1;
  let given: string;
  let family: string;
  let displayName: string;
  if (traits.japanese) {
    const fam = japaneseFamilies[f];
    const giv = japaneseGivenNames[unitInt(seed, i, S.given, japaneseGivenNames.length)];
    given = giv?.romaji ?? 'taro';
    family = fam?.romaji ?? 'yamada';
    const variants = fam?.variants ?? [];
    const kanji =
      variants.length > 0 && u(S.variant) < 0.25 ? (variants[unitInt(seed, i, S.variant + 50, variants.length)] ?? '') : (fam?.kanji ?? '');
    const sep = u(S.sep);
    // Most write a half-width space; some a full-width one (U+3000), some none, a few use Latin script.
    displayName =
      sep < 0.8
        ? `${kanji} ${giv?.kanji}`
        : sep < 0.88
          ? `${kanji}\u3000${giv?.kanji}`
          : sep < 0.95
            ? `${kanji}${giv?.kanji}`
            : `${capitalise(given)} ${capitalise(family)}`;
  } else {
    given = englishFirstNames[unitInt(seed, i, S.given, englishFirstNames.length)] ?? 'alex';
    family = englishLastNames[f - JF] ?? 'smith';
    displayName = `${capitalise(given)} ${capitalise(family)}`;
  }
  const romanName = `${capitalise(given)} ${capitalise(family)}`;
  const g0 = given.charAt(0);
  const org: Org | undefined = traits.email === 'company' || u(S.hasOrg) < 0.7 ? orgAt(seed, i % world.orgs) : undefined;
  // Japanese users lean to Yahoo! JAPAN mail; everyone else to the big three.
  const freeDomain =
    traits.japanese && u(S2.free + 40) < 0.35
      ? 'yahoo.co.jp'
      : (freeMailDomains[unitInt(seed, i, S2.free, freeMailDomains.length)] ?? 'gmail.com');
  let email: string | undefined;
  if (traits.email === 'company' && org) {
    const styles = [`${given}.${family}`, `${g0}.${family}`, `${family}.${given}`, `${family}_${g0}`];
    // Past the family-name permutation (over 89 people in one company) a number keeps it unique.
    const local = `${styles[org.mailStyle] ?? given}${slot < FAMILIES ? '' : slot}`;
    email = `${local}@${org.domain}`;
  } else if (traits.email === 'free') {
    email = `${handle([`${given}.${family}#`, `${family}${g0}#`, `${given}_${family}#`, `${given}#`], unitInt(seed, i, S2.mail, 4), n)}@${freeDomain}`;
  }
  const a = traits.accounts;
  const caps = u(S2.caps) < 0.15;
  const gh = handle([`${given}${family}#`, `${g0}${family}#`, `${family}-${given}#`, `${given}#`], unitInt(seed, i, S2.gh, 4), n);
  const stageTags = [[], ['community'], ['customer'], ['champion', traits.japanese ? '登壇者' : 'speaker']][traits.stage] ?? [];
  const tags = [jobTags[unitInt(seed, i, S2.tag, jobTags.length)] ?? 'backend', ...stageTags];
  if (u(S2.extraTag) < 0.05) tags.push('VIP');
  return {
    index: i,
    traits,
    displayName,
    romanName,
    ...(email === undefined ? {} : { email }),
    altEmail: `${family}.${given}.${n}@${freeDomain}`,
    ...(org === undefined ? {} : { organization: org.name }),
    lang: traits.japanese || u(S2.lang) < 0.3 ? 'ja' : 'en',
    tags,
    consent: ['yes', 'yes', 'no', '', 'はい', 'true'][unitInt(seed, i, S2.consent, 6)] ?? '',
    githubId: 100_000 + i * 53 + unitInt(seed, i, S2.gh + 40, 53),
    ...(a.github
      ? { github: caps ? gh.replace(/^./, (c) => c.toUpperCase()).replace(/-(.)/, (_m, c: string) => `-${c.toUpperCase()}`) : gh }
      : {}),
    ...(a.x ? { x: handle([`${given}_${family}#`, `${family}${g0}#`, `${given}#_dev`], unitInt(seed, i, S2.xs, 3), n) } : {}),
    ...(a.slack
      ? {
          // Slack ids are U + base36; mix32 is a bijection, so ids never collide.
          slackId: `U0${mix32(seed ^ (i + 0x5bd1e995))
            .toString(36)
            .toUpperCase()
            .padStart(9, '0')}`,
          slackName: email?.split('@')[0] ?? `${given}${n}`,
        }
      : {}),
    ...(a.connpass ? { connpass: handle([`${given}${family}#`, `${family}_${given}#`], unitInt(seed, i, S2.cp, 2), n) } : {}),
    ...(a.discord ? { discord: handle([`${given}.${family}#`, `${given}_#`], unitInt(seed, i, S2.dc, 2), n) } : {}),
  };
}
