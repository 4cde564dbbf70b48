/**
 * The funnel's arithmetic, apart from SQL. The database answers one number
 * per *mask*: how many developers reached exactly that set of stages in the
 * period (bit i = the i-th stage in order). Everything the report shows
 * follows from those at most 2^stages counts:
 * - reached(i) = developers whose mask has bit i;
 * - atOrBeyond(i) = developers whose highest bit is i or later, i.e. whose
 *   mask is ≥ 2^i — monotonic by construction;
 * - conversionFromPrevious(i) = atOrBeyond(i) / atOrBeyond(i − 1), null for
 *   the first stage or when the previous is 0;
 * - conversionFromFirst(i) = atOrBeyond(i) / atOrBeyond(0), null when that is 0;
 * - droppedOff(i) = atOrBeyond(i) − atOrBeyond(i + 1): developers whose highest
 *   stage is i (the gap between two steps of the funnel), null for the last.
 */
import type { FunnelListMode, FunnelStageRow } from '../../../src-shared/contract/analytics';
import type { FunnelStage } from '../../../src-shared/contract/settings';

export interface MaskCount {
  mask: number;
  developers: number;
}

export function shapeFunnel(stages: readonly FunnelStage[], counts: readonly MaskCount[]): FunnelStageRow[] {
  const rows: FunnelStageRow[] = [];
  stages.forEach((stage, i) => {
    const bit = 2 ** i;
    let reached = 0;
    let atOrBeyond = 0;
    for (const { mask, developers } of counts) {
      if (Math.floor(mask / bit) % 2 === 1) reached += developers;
      if (mask >= bit) atOrBeyond += developers;
    }
    const previous = rows[i - 1]?.atOrBeyond;
    const first = rows[0]?.atOrBeyond ?? atOrBeyond;
    rows.push({
      key: stage.key,
      title: stage.title,
      order: stage.order,
      reached,
      atOrBeyond,
      conversionFromPrevious: previous === undefined || previous === 0 ? null : atOrBeyond / previous,
      conversionFromFirst: first === 0 ? null : atOrBeyond / first,
      droppedOff: null,
    });
  });
  for (let i = 0; i + 1 < rows.length; i++) rows[i]!.droppedOff = rows[i]!.atOrBeyond - rows[i + 1]!.atOrBeyond;
  return rows;
}

/** The highest stage in `mask` (null for none). */
export function highestStage(stages: readonly FunnelStage[], mask: number): FunnelStage | null {
  if (mask <= 0) return null;
  const top = Math.floor(Math.log2(mask));
  return stages[top] ?? null;
}

/** Whether a developer with `mask` is one of the developers of stage `index` in `mode`. */
export function inMode(mask: number, index: number, mode: FunnelListMode): boolean {
  const bit = 2 ** index;
  if (mode === 'reached') return Math.floor(mask / bit) % 2 === 1;
  // The highest bit is `index`: at or beyond it, and not at or beyond the next.
  if (mode === 'dropOff') return mask >= bit && mask < bit * 2;
  return mask >= bit;
}
