/**
 * `drm developers suggest|merge|unmerge`: the Merge suggestions page and the
 * profile's merge history, from a terminal. Nothing merges without a command.
 */
import type { MergeSuggestion } from '../../src-shared/contract/merges';
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';

const common = { ...targetOptions, json: { type: 'boolean' } } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(value: string, what: string): string {
  if (!UUID.test(value)) throw new UsageError(`${what} must be a developer or merge id (a UUID), got "${value}"`);
  return value.toLowerCase();
}

function describe(d: MergeSuggestion['a']): string {
  const accounts = d.accounts.map((a) => `${a.provider}:${a.handle ?? '?'}`).join(', ');
  const parts = [d.displayName ?? '(no name)', d.primaryEmail, d.organization, accounts || undefined].filter(Boolean);
  return `${parts.join(' · ')}  [${d.developerId}]`;
}

export function formatSuggestions(suggestions: MergeSuggestion[]): string {
  if (suggestions.length === 0) return 'No merge suggestions.';
  const lines: string[] = [];
  suggestions.forEach((s, i) => {
    lines.push(`${i + 1}. score ${s.score.toFixed(2)}`);
    lines.push(`   A ${describe(s.a)}`);
    lines.push(`   B ${describe(s.b)}`);
    for (const e of s.evidence) lines.push(`   - ${e.rule}: ${e.detail}`);
  });
  lines.push('', `Merge one with: drm developers merge <A> <B> [--reason TEXT]`);
  return lines.join('\n');
}

export async function developersSuggestCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(args, { ...common, limit: { type: 'string' } }, true);
  if (positionals.length > 0) throw new UsageError(`suggest takes no arguments, got ${positionals.join(' ')}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) {
    throw new UsageError(`--limit must be a whole number from 1 to 500, got ${values.limit}`);
  }
  await withCore(resolveTarget(values), async (core) => {
    const suggestions = unwrap(await core.handlers['merges:list-suggestions']({ limit }));
    console.log(values.json ? JSON.stringify(suggestions, null, 2) : formatSuggestions(suggestions));
  });
}

export async function developersMergeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(args, { ...common, reason: { type: 'string' } }, true);
  if (positionals.length !== 2)
    throw new UsageError('give the developer to keep and the one to merge into it: drm developers merge <into> <from> [--reason TEXT]');
  const intoId = uuid(positionals[0]!, '<into>');
  const fromId = uuid(positionals[1]!, '<from>');
  await withCore(resolveTarget(values), async (core) => {
    const { mergeId } = unwrap(await core.handlers['developers:merge']({ intoId, fromId, reason: values.reason }));
    console.log(
      values.json
        ? JSON.stringify({ mergeId, intoId, fromId })
        : `Merged ${fromId} into ${intoId} (merge ${mergeId}).\nUndo with: drm developers unmerge ${mergeId}`,
    );
  });
}

export async function developersUnmergeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(args, common, true);
  if (positionals.length !== 1) throw new UsageError('give the merge to undo: drm developers unmerge <mergeId>');
  const mergeId = uuid(positionals[0]!, '<mergeId>');
  await withCore(resolveTarget(values), async (core) => {
    const undo = unwrap(await core.handlers['developers:unmerge']({ mergeId }));
    console.log(
      values.json ? JSON.stringify({ mergeId: undo.mergeId, undid: mergeId }) : `Undid merge ${mergeId} (logged as ${undo.mergeId}).`,
    );
  });
}
