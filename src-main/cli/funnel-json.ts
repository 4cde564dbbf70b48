import type { FunnelStageRow } from '../../src-shared/contract/analytics';

/** A funnel stage as `drm report funnel --json` prints it (issue 5's keys, in its order); a breakdown's rows too. */
export const funnelStageJson = (s: FunnelStageRow) => ({
  key: s.key,
  title: s.title,
  order: s.order,
  reached: s.reached,
  atOrBeyond: s.atOrBeyond,
  conversionFromPrevious: s.conversionFromPrevious,
});
