/**
 * Where the desktop app last chose to be: `<data folder>/team-connection.json`.
 * It holds a DATABASE_URL with its password, so it is written atomically and
 * readable by its owner only (0600), like credentials.json. No file means this
 * computer's data. A file that no longer parses is reported, never guessed at.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { teamTarget, type TeamTarget } from '../../../src-shared/contract/team';
import { writeFileAtomic } from '../files/atomic-write';

const FILE = 'team-connection.json';
const stored = z.object({ version: z.literal(1), target: teamTarget });

export const teamSettingPath = (dataDir: string): string => join(dataDir, FILE);

export type SavedTeamTarget = { target: TeamTarget | undefined } | { problem: string };

export function readTeamTarget(dataDir: string): SavedTeamTarget {
  const path = teamSettingPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { target: undefined };
    return { problem: `The saved team connection (${path}) could not be read: ${(error as Error).message}.` };
  }
  try {
    return { target: stored.parse(JSON.parse(text)).target };
  } catch {
    return {
      problem: `The saved team connection (${path}) is damaged, so it was not used. Connect again in Settings → Team database; that replaces the file.`,
    };
  }
}

export function writeTeamTarget(dataDir: string, target: TeamTarget): void {
  writeFileAtomic(teamSettingPath(dataDir), `${JSON.stringify({ version: 1, target }, null, 2)}\n`, 0o600);
}

export function removeTeamTarget(dataDir: string): void {
  rmSync(teamSettingPath(dataDir), { force: true });
}
