/**
 * `drm developers <sub>`: one top-level command, dispatching on its first
 * argument to the read side (list) and the merge side (suggest, merge, unmerge).
 */
import { UsageError } from './context';
import { developersListCommand } from './developers-read';
import { developersMergeCommand, developersSuggestCommand, developersUnmergeCommand } from './developers-merge';

const subcommands: Record<string, (args: string[]) => Promise<number | void>> = {
  list: developersListCommand,
  suggest: developersSuggestCommand,
  merge: developersMergeCommand,
  unmerge: developersUnmergeCommand,
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
