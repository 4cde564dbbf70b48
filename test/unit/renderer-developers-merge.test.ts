import { describe, expect, it } from 'vitest';
import type { MergeSuggestion } from '../../src-shared/contract/merges';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';
import { canUndo, historyLine } from '../../src-renderer/src/pages/developers/merge-history-view';
import {
  evidenceKey,
  mergeOutcomeReducer,
  mergeReason,
  orientPair,
  type MergeOutcome,
} from '../../src-renderer/src/pages/merges/merge-view';

const dev = (id: string) => ({ developerId: id, displayName: id, primaryEmail: null, organization: null, accounts: [] });
const suggestion: MergeSuggestion = { a: dev('a'), b: dev('b'), score: 0.9, evidence: [{ rule: 'same_handle', detail: 'taro' }] };

describe('evidence labels', () => {
  it('names every rule in both languages', () => {
    expect(en.merges.rules.same_handle).toBe('Same handle on two services');
    expect(ja.merges.rules.same_handle).toBe('複数サービスで同じハンドル');
    expect(evidenceKey('same_name_org')).toBe('merges.rules.same_name_org');
  });
  it('falls back for a rule a newer core invented', () => {
    expect(evidenceKey('same_avatar')).toBe('merges.rules.other');
  });
});

describe('orientPair and mergeReason', () => {
  it('keeps the left one unless swapped', () => {
    expect(orientPair(suggestion, false)).toEqual({ into: suggestion.a, from: suggestion.b });
    expect(orientPair(suggestion, true)).toEqual({ into: suggestion.b, from: suggestion.a });
  });
  it('sends no blank reason', () => {
    expect(mergeReason('  ')).toBeUndefined();
    expect(mergeReason(' same person ')).toBe('same person');
  });
});

describe('mergeOutcomeReducer', () => {
  const merged: MergeOutcome = { state: 'merged', mergeId: 'm1', intoId: 'a', intoName: 'A', fromName: 'B' };
  it('goes merged → undoing → undone', () => {
    let s = mergeOutcomeReducer({ state: 'none' }, { type: 'merged', mergeId: 'm1', intoId: 'a', intoName: 'A', fromName: 'B' });
    expect(s).toEqual(merged);
    s = mergeOutcomeReducer(s, { type: 'undoStarted' });
    expect(s.state).toBe('undoing');
    s = mergeOutcomeReducer(s, { type: 'undone' });
    expect(s.state).toBe('undone');
  });
  it('returns to merged with the error when the server refuses the undo', () => {
    const undoing = mergeOutcomeReducer(merged, { type: 'undoStarted' });
    const failed = mergeOutcomeReducer(undoing, { type: 'undoFailed', error: 'refused' });
    expect(failed).toMatchObject({ state: 'merged', error: 'refused' });
    expect(mergeOutcomeReducer(failed, { type: 'undoStarted' })).toMatchObject({ state: 'undoing', error: undefined });
  });
  it('ignores events that do not fit the state', () => {
    expect(mergeOutcomeReducer({ state: 'none' }, { type: 'undone' })).toEqual({ state: 'none' });
    expect(mergeOutcomeReducer(merged, { type: 'dismissed' })).toEqual({ state: 'none' });
  });
});

describe('canUndo', () => {
  it('allows only a merge nothing has undone', () => {
    expect(canUndo({ action: 'merge', undoneBy: null })).toBe(true);
    expect(canUndo({ action: 'merge', undoneBy: 'u1' })).toBe(false);
    expect(canUndo({ action: 'unmerge', undoneBy: null })).toBe(false);
  });
});

describe('historyLine', () => {
  const fill = (template: string, vars: Record<string, string>) => template.replace(/{{(\w+)}}/g, (_, k: string) => vars[k]!);
  // "Nana Murakami was merged into 村上 奈々", then undone: the unmerge is logged survivor → restored.
  const merge = { action: 'merge' as const, intoName: '村上 奈々', fromName: 'Nana Murakami' };
  const unmerge = { action: 'unmerge' as const, intoName: 'Nana Murakami', fromName: '村上 奈々' };
  const say = (lang: typeof en, entry: typeof merge | typeof unmerge) => {
    const line = historyLine(entry, '?');
    return fill(lang.profile[line.key.split('.')[1] as 'historyMerge' | 'historyUnmerge'], line.vars);
  };

  it('says the undo the same way round as the merge it undid (issue 11, defect 8)', () => {
    expect(say(ja, merge)).toBe('Nana Murakami を 村上 奈々 に統合');
    expect(say(ja, unmerge)).toBe('Nana Murakami を 村上 奈々 から分離（統合を取り消し）');
    expect(say(en, merge)).toBe('Nana Murakami was merged into 村上 奈々');
    expect(say(en, unmerge)).toBe('Nana Murakami was separated again from 村上 奈々');
  });
  it('names an unknown developer', () => {
    expect(historyLine({ action: 'unmerge', intoName: null, fromName: 'A' }, '?').vars).toEqual({ from: '?', into: 'A' });
  });
});
