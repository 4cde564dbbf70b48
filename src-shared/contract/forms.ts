/**
 * Sign-up forms on a team's site (issue 14 §3): each posts to
 * `POST /api/v1/forms/<formKey>` without an API key (the form key is public,
 * in the page), and every accepted post becomes a `form` activity with the
 * form's action and campaign.
 */
import { z } from 'zod';
import { emptyInput, uuid } from './common';
import { parseUrl } from '../url';

/** An origin as a browser sends it: scheme, host and port, nothing else. */
const origin = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const url = parseUrl(text);
    if (url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text.replace(/\/$/, ''))
      return url.origin;
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an origin such as https://www.example.com (no path)` });
    return z.NEVER;
  });

export const ingestForm = z.object({
  formKey: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  honeypotField: z.string().nullable(),
  action: z.string(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  enabled: z.boolean(),
  /** `/api/v1/forms/<formKey>`: where the form posts, on the app's server. */
  path: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IngestForm = z.infer<typeof ingestForm>;

const fieldName = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'a field name of letters, digits, _ or -');

const formFields = {
  name: z.string().trim().min(1, 'give the form a name').max(200),
  allowedOrigins: z.array(origin).max(20),
  honeypotField: fieldName.nullable(),
  action: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .transform((a) => a.toLowerCase()),
  campaignId: uuid.nullable(),
  enabled: z.boolean(),
};

export const formChannels = {
  'forms:list': { input: emptyInput, output: z.array(ingestForm) },
  'forms:create': {
    input: z
      .object({
        ...formFields,
        allowedOrigins: formFields.allowedOrigins.default([]),
        honeypotField: formFields.honeypotField.default('website'),
        action: formFields.action.default('signup'),
        campaignId: formFields.campaignId.optional(),
        enabled: formFields.enabled.default(true),
      })
      .strict(),
    output: ingestForm,
  },
  'forms:update': {
    input: z
      .object({
        formKey: z.string().min(1),
        name: formFields.name.optional(),
        allowedOrigins: formFields.allowedOrigins.optional(),
        honeypotField: formFields.honeypotField.optional(),
        action: formFields.action.optional(),
        campaignId: formFields.campaignId.optional(),
        enabled: formFields.enabled.optional(),
      })
      .strict(),
    output: ingestForm,
  },
  /** Kept ten minutes for forms:restore; posts to its key are refused (404) meanwhile. */
  'forms:delete': {
    input: z.object({ formKey: z.string().min(1) }).strict(),
    output: z.object({ undoToken: z.string(), name: z.string() }),
  },
  'forms:restore': { input: z.object({ undoToken: z.string().min(1) }).strict(), output: ingestForm },
} as const;
