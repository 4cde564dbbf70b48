/**
 * `drm developers unlink-identifier DEV --kind click_id --value V`: the
 * profile's Unlink, from a terminal. There is no token to undo it here (the
 * app keeps undo tokens in memory); importing the row that linked the id
 * again links it again.
 */
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = 'drm developers unlink-identifier <developerId> --kind click_id --value <click id> [--json]';

export async function developersUnlinkCommand(args: string[]): Promise<void> {
  const options = { ...targetOptions, json: { type: 'boolean' }, kind: { type: 'string' }, value: { type: 'string' } } as const;
  const { values, positionals } = parseOptions(args, options, true);
  if (positionals.length !== 1 || !UUID.test(positionals[0]!)) throw new UsageError(`give the developer's id (a UUID): ${USAGE}`);
  if (values.kind !== 'click_id')
    throw new UsageError(`--kind must be click_id (the only kind that can be unlinked), got ${values.kind ?? 'none'}: ${USAGE}`);
  if (!values.value?.trim()) throw new UsageError(`give the click id with --value: ${USAGE}`);
  const developerId = positionals[0]!.toLowerCase();
  const value = values.value.trim();
  await withCore(resolveTarget(values), async (core) => {
    const { activities } = unwrap(await core.handlers['developers:unlink-identifier']({ developerId, kind: 'click_id', value }));
    console.log(
      values.json
        ? JSON.stringify({ developerId, kind: 'click_id', value, activities })
        : `Unlinked click id ${value} from ${developerId}: ${activities} activit${activities === 1 ? 'y is' : 'ies are'} anonymous again.`,
    );
  });
}
