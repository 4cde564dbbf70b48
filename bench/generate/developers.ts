/**
 * developers.csv: the team's list of known people (a CRM export), one row per
 * person 0…N−1. Streams: each row is computed from its index.
 */
import { personAt, type World } from './people';

export const developerHeader = [
  'display_name',
  'email',
  'organization',
  'tags',
  'github',
  'x',
  'slack',
  'discord',
  'connpass',
  'consent_analytics',
] as const;

export function* developerRows(world: World): Generator<string[]> {
  for (let i = 0; i < world.developers; i++) {
    const p = personAt(world, i);
    // The Slack column holds the member id (U…): it is what the member list export and
    // activity rows key Slack accounts by, so all three files name one account.
    yield [
      p.displayName,
      p.email ?? '',
      p.organization ?? '',
      p.tags.join(';'),
      p.github ?? '',
      p.x ?? '',
      p.slackId ?? '',
      p.discord ?? '',
      p.connpass ?? '',
      p.consent,
    ];
  }
}
