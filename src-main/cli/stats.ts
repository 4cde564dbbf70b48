/**
 * `drm stats rebuild [--json]`: recomputes developer_stats, campaign_stats,
 * attribution and every derived structure from the spec's tables, in one
 * transaction, through the same handler as the app.
 */
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';

const OPTIONS = { ...targetOptions, json: { type: 'boolean', default: false } } as const;

export async function statsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rebuild') {
    throw new UsageError(sub === undefined ? 'give a subcommand: drm stats rebuild' : `unknown subcommand "${sub}" (drm stats rebuild)`);
  }
  const { values } = parseOptions(rest, OPTIONS);
  const result = await withCore(resolveTarget(values), async (core) => unwrap(await core.handlers['stats:rebuild']({})));
  process.stdout.write(
    values.json
      ? `${JSON.stringify(result)}\n`
      : `Rebuilt the stats and every derived table in ${(result.durationMs / 1000).toFixed(1)} s.\n`,
  );
  return 0;
}
