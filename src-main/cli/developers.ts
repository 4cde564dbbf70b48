/**
 * `drm developers <sub>`: one top-level command, dispatching on its first
 * argument to the read side (list), the merge side (suggest, merge, unmerge)
 * and unlinking a click id (unlink-identifier).
 */
import { UsageError } from './context';
import { developersListCommand } from './developers-read';
import { developersMergeCommand, developersSuggestCommand, developersUnmergeCommand } from './developers-merge';
import { developersUnlinkCommand } from './developers-unlink';

const subcommands: Record<string, (args: string[]) => Promise<number | void>> = {
  list: developersListCommand,
  suggest: developersSuggestCommand,
  merge: developersMergeCommand,
  unmerge: developersUnmergeCommand,
  'unlink-identifier': developersUnlinkCommand,
};

export async function developersCommand(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  const command = sub === undefined ? undefined : subcommands[sub];
  if (!command) {
    const known = Object.keys(subcommands).join('|');
    throw new UsageError(
      sub === undefined ? `give a subcommand: drm developers ${known}` : `unknown subcommand "${sub}" (drm developers ${known})`,
    );
  }
  return command(rest);
}
