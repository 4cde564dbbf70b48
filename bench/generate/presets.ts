/**
 * Other services' exports, shaped as those services write them, about the
 * same people as developers.csv (same handles, ids and mostly the same
 * emails) plus a few newcomers beyond it, so identity resolution has both
 * matches and new people to create.
 */
import { type Campaign, RESERVED_REPO } from './campaigns';
import { personAt, traitsAt, type Person, type Provider, type World } from './people';
import { affinePermutation, type Rng } from './rng';
import { DAY, WINDOW_DAYS, WINDOW_START, formatJapanese, formatUtc } from './time';

/** Up to `count` distinct people with an account on `provider`: mostly known, ~5% newcomers. */
export function choosePeople(world: World, provider: Provider, count: number, salt: number): Person[] {
  const newcomers = Math.ceil(count * 0.05);
  const chosen: Person[] = [];
  const order = affinePermutation(world.developers, world.seed, salt);
  for (let k = 0; k < world.developers && chosen.length < count - newcomers; k++) {
    const i = order(k);
    if (traitsAt(world, i).accounts[provider]) chosen.push(personAt(world, i));
  }
  // People past the end of developers.csv: the app meets them first in this export.
  for (let i = world.developers; chosen.length < count && i < world.developers + count * 20; i++) {
    if (traitsAt(world, i).accounts[provider]) chosen.push(personAt(world, i));
  }
  return chosen;
}

export const connpassHeader = [
  '参加枠名',
  'ユーザー名',
  '表示名',
  '参加ステータス',
  '出欠ステータス',
  '更新日時',
  '受付番号',
  '所属 (会社名・学校名など)',
  '本イベントを何で知りましたか？',
] as const;

const DELETED = '(退会ユーザー)';
// ① and full-width characters are in CP932 (NEC row 13), and are what real answers contain.
const heardFrom = ['①X (Twitter)', '②connpass', '③知人・同僚の紹介', '④社内Slack', '⑤ブログ記事', ''];

/** One event's participants, sorted by 受付番号 as connpass lists them. */
export function connpassRows(rng: Rng, world: World, campaign: Campaign, count: number): string[][] {
  const eventAt = campaign.resources.find((r) => r.category === 'event')?.at ?? WINDOW_START;
  const people = choosePeople(world, 'connpass', count, 77);
  const entries = people.map((p) => ({ p, registeredAt: eventAt - rng.int(3600, 28 * 86400) * 1000 }));
  entries.sort((a, b) => a.registeredAt - b.registeredAt);
  const rows: string[][] = [];
  for (const { p, registeredAt } of entries) {
    const cancelled = rng.chance(0.15);
    const attended = !cancelled && rng.chance(0.7);
    // 更新日時 is the last change: the cancellation, the check-in, or the registration.
    const updated = cancelled
      ? registeredAt + rng.int(600, 5 * 86400) * 1000
      : attended
        ? eventAt + rng.int(-1800, 1800) * 1000
        : registeredAt;
    const ticket = rng.pick(['一般参加枠', '一般参加枠', '一般参加枠', '一般参加枠', 'オンライン参加枠', 'オンライン参加枠', 'LT枠']);
    const display = rng.chance(0.8) ? p.displayName : p.romanName;
    rows.push([
      ticket,
      p.connpass ?? '',
      display,
      cancelled ? 'キャンセル' : '参加',
      attended ? '出席' : '',
      formatJapanese(Math.min(updated, eventAt + 3600_000)),
      '',
      p.organization ?? '',
      rng.pick(heardFrom),
    ]);
  }
  // A participant who has since deleted their account: connpass keeps the row, without the name.
  const at = Math.min(rows.length, Math.floor(rows.length / 2));
  rows.splice(at, 0, ['一般参加枠', DELETED, DELETED, '参加', '', formatJapanese(eventAt - 5 * DAY), '', '', '']);
  // 受付番号 in registration order, the deleted participant's included.
  rows.forEach((row, k) => (row[6] = String(k + 1)));
  return rows;
}

export const stargazerHeader = ['login', 'id', 'starred_at', 'repo'] as const;

/** GitHub's stargazers API, flattened: oldest star first. */
export function stargazerRows(rng: Rng, world: World, count: number): string[][] {
  const people = choosePeople(world, 'github', count, 78);
  const stars = people.map((p) => ({ p, at: WINDOW_START + Math.floor(Math.sqrt(rng.next()) * WINDOW_DAYS * DAY) }));
  stars.sort((a, b) => a.at - b.at);
  return stars.map(({ p, at }) => [p.github ?? '', String(p.githubId), formatUtc(at), RESERVED_REPO]);
}

export const slackHeader = ['username', 'email', 'userid', 'fullname', 'displayname'] as const;

/**
 * The community workspace's member list. Streams (the workspace may hold
 * everyone with a Slack account). Some members signed up with a private
 * address: the same account, a new email.
 */
export function* slackRows(rng: Rng, world: World): Generator<string[]> {
  const total = world.developers + Math.ceil(world.developers * 0.03);
  for (let i = 0; i < total; i++) {
    if (!traitsAt(world, i).accounts.slack) continue;
    const p = personAt(world, i);
    const email = p.email === undefined || rng.chance(0.12) ? p.altEmail : p.email;
    // Slack's display name is often a short form: 健太 for 佐藤 健太, Emily for Emily Johnson.
    const [first = '', second = ''] = p.displayName.split(/[ \u3000]/);
    const short = rng.chance(0.5) ? (/[\u3040-\u9fff]/.test(p.displayName) ? second : first) : '';
    yield [p.slackName ?? '', email, p.slackId ?? '', rng.chance(0.7) ? p.displayName : p.romanName, short];
  }
}
