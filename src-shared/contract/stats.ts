/** Recomputing every number kept from the spec's tables (`drm stats rebuild`). */
import { z } from 'zod';
import { emptyInput } from './common';

export const statsChannels = {
  /** Recomputes developer_stats, campaign_stats, attribution and every derived structure from the spec's tables. */
  'stats:rebuild': { input: emptyInput, output: z.object({ durationMs: z.number().int() }) },
} as const;
