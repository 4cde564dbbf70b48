/**
 * `drm report <sub>`: one top-level command for the analytics reports,
 * dispatching on its first argument (as `drm developers` does).
 */
import { UsageError } from './context';
import { reportEventsCommand } from './report-events';
import { reportFunnelCommand } from './report-funnel';
import { reportRoiCommand } from './report-roi';

const subcommands: Record<string, (args: string[]) => Promise<number | void>> = {
  funnel: reportFunnelCommand,
  roi: reportRoiCommand,
  events: reportEventsCommand,
};

export async function reportCommand(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  const command = sub === undefined ? undefined : subcommands[sub];
  if (!command) {
    const known = Object.keys(subcommands).join('|');
    throw new UsageError(sub === undefined ? `give a report: drm report ${known}` : `unknown report "${sub}" (drm report ${known})`);
  }
  return command(rest);
}
