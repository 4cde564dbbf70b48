/**
 * `drm stats rebuild [--json]`: recomputes developer_stats, campaign_stats,
 * attribution and every derived structure from the spec's tables, in one
 * transaction, through the same handler as the app.
 */
import { parseArgs } from 'node:util';
import { resolveTarget, unwrap, UsageError, withCore } from './context';

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function statsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rebuild') {
    throw new UsageError(sub === undefined ? 'give a subcommand: drm stats rebuild' : `unknown subcommand "${sub}" (drm stats rebuild)`);
  }
  const values = parse(rest);
  const result = await withCore(resolveTarget(values), async (core) => unwrap(await core.handlers['stats:rebuild']({})));
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `Rebuilt the stats and every derived table in ${(result.durationMs / 1000).toFixed(1)} s.\n`);
  return 0;
}
