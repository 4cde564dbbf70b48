/**
 * The tenant's analytics settings (time zone, language, conversion stage and
 * value, attribution model and lookback) and the action → stage map. Changes
 * that alter derived numbers rebuild them.
 */
import { z } from 'zod';
import { amount, currency, emptyInput } from './common';

import { attributionModels, type AttributionModelName } from './values';

export { attributionModels, type AttributionModelName };

export const funnelStage = z.object({ key: z.string(), title: z.string(), order: z.number().int() });
export type FunnelStage = z.infer<typeof funnelStage>;

export const settings = z.object({
  /** The zone days are counted in: the setting, else the machine's. */
  timeZone: z.string(),
  /** null = follow the machine (machineTimeZone). */
  timeZoneSetting: z.string().nullable(),
  machineTimeZone: z.string(),
  /** null = follow the operating system. */
  language: z.enum(['en', 'ja']).nullable(),
  conversionStage: z.string(),
  valuePerConversion: z.number().nullable(),
  valueCurrency: z.string(),
  attributionModel: z.enum(attributionModels),
  lookbackDays: z.number().int(),
  stages: z.array(funnelStage),
  /** Every mapped action, and every action seen in activities (stageKey null when unmapped), with its count. */
  actions: z.array(z.object({ action: z.string(), stageKey: z.string().nullable(), activities: z.number().int() })),
});
export type Settings = z.infer<typeof settings>;

export const settingsUpdate = z
  .object({
    timeZoneSetting: z.string().min(1).max(100).nullable().optional(),
    language: z.enum(['en', 'ja']).nullable().optional(),
    conversionStage: z.string().min(1).max(100).optional(),
    valuePerConversion: amount.nonnegative().nullable().optional(),
    valueCurrency: currency.optional(),
    attributionModel: z.enum(attributionModels).optional(),
    lookbackDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export const settingsChannels = {
  'settings:get': { input: emptyInput, output: settings },
  'settings:update': { input: settingsUpdate, output: settings },
  /** Maps an action to a stage (stageKey null: remove the mapping). Derived numbers are rebuilt. */
  'settings:map-action': {
    input: z.object({ action: z.string().trim().min(1).max(100), stageKey: z.string().min(1).max(100).nullable() }).strict(),
    output: settings,
  },
} as const;
